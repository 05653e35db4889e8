// Stack capture for reports and origins (never on the hot path: a V8 stack costs
// microseconds). Frames inside jsrace and Node's own internals are dropped; frames in
// instrumented files are mapped back to the user's positions. Creation stacks (of buffers
// and workers) are kept unmapped and mapped when a report prints them: mapping loads the
// source-map library and parses a map, which a run without races never needs.
import * as path from 'path';
import { originalPosition } from './source-maps';

export interface Frame {
  function: string;
  file: string;
  line: number;
  column: number;
}

/**
 * jsrace's own code: runtime/, src/ and instrument/ beside this file's folder (dist/), and the
 * TypeScript sources its frames map back to when Node applies source maps (tsx does).
 */
const OWN_DIRS = ['runtime', 'src', 'instrument'].flatMap((d) => [
  path.join(path.resolve(__dirname, '..'), d) + path.sep,
  path.join(path.resolve(__dirname, '..', '..'), d) + path.sep,
]);
const MAX_FRAMES = 32;

export function isOwnFile(file: string): boolean {
  return OWN_DIRS.some((d) => file.startsWith(d));
}

/** The current stack, mapped to the user's positions (for reports). */
export function captureFrames(): Frame[] {
  return mapFrames(captureRawFrames());
}

/** The current stack at the running code's own positions: mapFrames gives the user's. */
export function captureRawFrames(): Frame[] {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  let sites: NodeJS.CallSite[] = [];
  try {
    Error.stackTraceLimit = MAX_FRAMES + 16;
    Error.prepareStackTrace = (_e, cs) => cs;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder);
    sites = (holder.stack as NodeJS.CallSite[]) ?? [];
  } finally {
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
  const frames: Frame[] = [];
  for (let i = 0; i < sites.length; i++) {
    const cs = sites[i];
    let file = cs.getFileName() ?? '';
    if (!file || file.startsWith('node:') || file.endsWith(']-wrapper') || isOwnFile(file)) continue;
    if (file.startsWith('file://')) {
      try {
        file = new URL(file).pathname;
      } catch {
        // keep it as it is
      }
    }
    frames.push({ function: frameName(cs, sites[i + 1]), file, line: cs.getLineNumber() ?? 0, column: cs.getColumnNumber() ?? 0 });
    if (frames.length >= MAX_FRAMES) break;
  }
  return frames;
}

/** Frames from captureRawFrames at the positions the user wrote. */
export function mapFrames(frames: Frame[]): Frame[] {
  return frames.map((f) => ({ function: f.function, ...originalPosition(f.file, f.line, f.column) }));
}

/** Module code has no function name; V8 shows it called from Node's module loader. */
export const TOP_LEVEL = '<top-level>';

function frameName(cs: NodeJS.CallSite, caller: NodeJS.CallSite | undefined): string {
  const fn = cs.getFunctionName();
  if (fn) return fn;
  const callerFile = caller?.getFileName() ?? '';
  if (!caller || callerFile.startsWith('node:internal/modules/')) return TOP_LEVEL;
  if (cs.isConstructor()) return 'new <anonymous>';
  return '<anonymous>';
}
