// One `jsrace build` task, run in a piscina worker (a plain thread: jsrace itself never runs
// here): instrument one file for standalone use. Returns the code and its map, or the parse
// error with its position.
import { InstrumentError, instrument } from '../instrument';
import type { RawSourceMap } from 'source-map';

export interface BuildTask {
  file: string;
  code: string;
  register: string;
}

export type BuildResult =
  | { ok: true; code: string; map: RawSourceMap | null }
  | { ok: false; error: string };

export default function build(task: BuildTask): BuildResult {
  try {
    const out = instrument(task.code, task.file, undefined, task.register);
    return { ok: true, code: out.code, map: out.map };
  } catch (e) {
    return { ok: false, error: e instanceof InstrumentError ? e.message : `${task.file}: ${(e as Error).message}` };
  }
}
