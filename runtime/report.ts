// Reports in Go's layout (text) or as NDJSON (format=json), written synchronously to the
// log destination so that a report is never lost when a worker or the process ends.
import { openSync, writeSync } from 'fs';
import { ctx } from './context';
import { Frame } from './stack';
import { ThreadInfo } from './threads';
import { BufferId } from './types';
import { thread } from './thread-state';
import { A } from './intrinsics';
import { H_REPORT_LOG, REPORT_LOG_AT, REPORT_LOG_SIZE } from './world';
import { loadString, storeString } from './strings';

export interface AccessInfo {
  write: boolean;
  atomic: boolean;
  bufferId: BufferId;
  byteOffset: number;
  size: number;
  thread: ThreadInfo;
  stack: Frame[];
  /** The access's own site; known even when its stack is not. */
  site: Frame | undefined;
}

export interface RaceEvent {
  current: AccessInfo;
  previous: AccessInfo;
  threads: ThreadInfo[];
  buffer: { id: BufferId; byteLength: number; createdAt: Frame[]; view: string };
}

const SEPARATOR = '==================';

export function address(bufferId: number, byteOffset: number): string {
  return '0x' + bufferId.toString(16).padStart(4, '0') + byteOffset.toString(16).padStart(8, '0');
}

function strip(file: string): string {
  const prefix = ctx.options.strip_path_prefix;
  return prefix && file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

function textFrames(frames: Frame[]): string {
  if (frames.length === 0) return '  [failed to restore the stack]\n';
  return frames.map((f) => `  ${f.function}()\n      ${strip(f.file)}:${f.line}:${f.column}\n`).join('');
}

function accessTitle(a: AccessInfo, previous: boolean): string {
  const kind = `${a.atomic ? 'atomic ' : ''}${a.write ? 'write' : 'read'}`;
  const words = previous ? `Previous ${kind}` : kind[0].toUpperCase() + kind.slice(1);
  return `${words} at ${address(a.bufferId, a.byteOffset)} by ${a.thread.name}:\n`;
}

/** An access's frames; when its stack is lost, its own site and then Go's marker. */
function accessFrames(a: AccessInfo): string {
  if (a.stack.length === 0 && a.site) return textFrames([a.site]) + '  [failed to restore the stack]\n';
  return textFrames(a.stack);
}

export function formatText(e: RaceEvent): string {
  let out = `${SEPARATOR}\nWARNING: DATA RACE\n`;
  out += accessTitle(e.current, false) + accessFrames(e.current) + '\n';
  out += accessTitle(e.previous, true) + accessFrames(e.previous);
  for (const t of e.threads) {
    out += `\nWorker ${t.threadId} (${t.state}) created at:\n` + textFrames(t.createdAt);
  }
  const b = e.buffer;
  out += `\nLocation is SharedArrayBuffer #${b.id} of ${b.byteLength} bytes, byte ${e.current.byteOffset} (${b.view})`;
  out += b.createdAt.length ? `, created at:\n${textFrames(b.createdAt)}` : '\n';
  out += `${SEPARATOR}\n`;
  return out;
}

function jsonFrames(frames: Frame[]): Frame[] {
  return frames.map((f) => ({ function: f.function, file: strip(f.file), line: f.line, column: f.column }));
}

function jsonAccess(a: AccessInfo): object {
  const out: Record<string, unknown> = {
    op: a.write ? 'write' : 'read',
    atomic: a.atomic,
    address: address(a.bufferId, a.byteOffset),
    size: a.size,
    thread: { id: a.thread.threadId, name: a.thread.name },
    stack: jsonFrames(a.stack),
  };
  if (a.site) out.site = { file: strip(a.site.file), line: a.site.line, column: a.site.column };
  return out;
}

export function formatJson(e: RaceEvent): string {
  return JSON.stringify({
    type: 'race',
    access: jsonAccess(e.current),
    previous: jsonAccess(e.previous),
    buffer: { id: e.buffer.id, byteLength: e.buffer.byteLength, byteOffset: e.current.byteOffset, createdAt: jsonFrames(e.buffer.createdAt) },
    threads: e.threads.map((t) => ({ id: t.threadId, name: t.name, state: t.state, createdAt: jsonFrames(t.createdAt) })),
  }) + '\n';
}

let fd = -1;
function output(): number {
  if (fd >= 0) return fd;
  const where = ctx.options.log_path;
  if (where === 'stderr') fd = 2;
  else if (where === 'stdout') fd = 1;
  else fd = openSync(`${where}.${process.pid}`, 'a');
  return fd;
}

export function write(text: string): void {
  writeSync(output(), text);
}

/** Call under the report lock. */
export function emitRace(e: RaceEvent): void {
  const text = formatText(e);
  write(ctx.options.format === 'json' ? formatJson(e) : text);
  logReport(text);
}

/** Keeps the report's text in shared memory, where a test runner's thread can pick it up. */
function logReport(text: string): void {
  const world = ctx.world;
  ctx.globalLock.lock();
  try {
    const [off, len] = storeString(world, text);
    const n = A.load(world.header, H_REPORT_LOG);
    const at = REPORT_LOG_AT + (n % REPORT_LOG_SIZE) * 2;
    world.header[at] = off;
    world.header[at + 1] = len;
    A.store(world.header, H_REPORT_LOG, n + 1);
  } finally {
    ctx.globalLock.unlock();
  }
}

export function reportCount(): number {
  return A.load(ctx.world.header, H_REPORT_LOG);
}

/** The texts of reports [from, reportCount()), oldest first (the log keeps the last REPORT_LOG_SIZE). */
export function reportsSince(from: number): string[] {
  const world = ctx.world;
  const n = reportCount();
  const out: string[] = [];
  for (let i = Math.max(from, n - REPORT_LOG_SIZE); i < n; i++) {
    const at = REPORT_LOG_AT + (i % REPORT_LOG_SIZE) * 2;
    out.push(loadString(world, world.header[at], world.header[at + 1]) ?? '');
  }
  return out;
}

export function formatSummary(races: number): string {
  return ctx.options.format === 'json'
    ? JSON.stringify({ type: 'summary', races }) + '\n'
    : `Found ${races} data race(s)\n`;
}
