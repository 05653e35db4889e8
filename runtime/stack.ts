// Stack capture for reports and origins (never on the hot path: a V8 stack costs
// microseconds). Frames inside jsrace and Node's own internals are dropped; frames in
// instrumented files are mapped back to the user's positions.
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

export function captureFrames(): Frame[] {
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
    const pos = originalPosition(file, cs.getLineNumber() ?? 0, cs.getColumnNumber() ?? 0);
    frames.push({ function: frameName(cs, sites[i + 1]), file: pos.file, line: pos.line, column: pos.column });
    if (frames.length >= MAX_FRAMES) break;
  }
  return frames;
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
