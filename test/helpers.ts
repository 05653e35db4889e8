// Shared by the corpus runner, the integration tests and the bench: run a program under
// jsrace (or plain node) as a real process and collect what it printed and reported.
import { spawn } from 'child_process';
import * as path from 'path';

import * as fs from 'fs';

/** The repository root, whether this file runs from test/ (Vitest) or dist/test/ (compiled). */
export const ROOT = (() => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'runtime'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('jsrace: repository root not found');
  }
})();
export const REGISTER = path.join(ROOT, 'dist', 'src', 'register.js');
export const CLI = path.join(ROOT, 'dist', 'src', 'cli.js');

export interface JsonFrame { function: string; file: string; line: number; column: number }
export interface JsonAccess {
  op: 'read' | 'write'; atomic: boolean; address: string; size: number;
  thread: { id: number; name: string }; stack: JsonFrame[]; site?: { file: string; line: number; column: number };
}
export interface JsonRace {
  type: 'race'; access: JsonAccess; previous: JsonAccess;
  buffer: { id: number; byteLength: number; byteOffset: number };
  threads: { id: number; name: string; state: string; createdAt: JsonFrame[] }[];
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  races: JsonRace[];
  summary: { races: number } | undefined;
  timedOut: boolean;
  ms: number;
}

export interface RunOptions {
  jsrace?: boolean; // default true
  options?: string; // JSRACE_OPTIONS; format=json is added when jsrace is on and none is given
  args?: string[];
  nodeArgs?: string[];
  cwd?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** Runs `node [--require register] script` and parses NDJSON reports from stderr. */
export function runNode(script: string, opts: RunOptions = {}): Promise<RunResult> {
  const jsrace = opts.jsrace ?? true;
  const options = opts.options ?? 'format=json';
  const argv = [...(opts.nodeArgs ?? []), ...(jsrace ? ['--require', REGISTER] : []), script, ...(opts.args ?? [])];
  const env = { ...process.env, ...opts.env };
  if (jsrace) env.JSRACE_OPTIONS = options;
  else if (opts.env?.JSRACE_OPTIONS === undefined) delete env.JSRACE_OPTIONS;
  return runProcess(process.execPath, argv, { cwd: opts.cwd, env, timeoutMs: opts.timeoutMs });
}

export function runProcess(
  command: string, argv: string[], o: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: o.cwd, env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, o.timeoutMs ?? 30000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const races: JsonRace[] = [];
      let summary: { races: number } | undefined;
      for (const line of stderr.split('\n')) {
        if (!line.startsWith('{"type":')) continue;
        try {
          const obj = JSON.parse(line) as { type: string };
          if (obj.type === 'race') races.push(obj as JsonRace);
          else if (obj.type === 'summary') summary = obj as { races: number } & { type: string };
        } catch {
          // not ours
        }
      }
      resolve({ code, signal, stdout, stderr, races, summary, timedOut, ms: Date.now() - started });
    });
  });
}

/** The source lines a report names: the access's own site and the previous access's site. */
export function raceLines(r: JsonRace): [number, number] {
  const a = r.access.site?.line ?? r.access.stack[0]?.line ?? 0;
  const b = r.previous.site?.line ?? r.previous.stack[0]?.line ?? 0;
  return [a, b];
}
