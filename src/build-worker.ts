// A batch of `jsrace build` work, run in a piscina worker (a plain thread: jsrace itself never
// runs here): instrument each file for standalone use, write it with its map (atomically),
// and fill the cache. Only a small status goes back to the main thread.
import * as fs from 'fs';
import * as path from 'path';
import type { RawSourceMap } from 'source-map';
import { InstrumentError, instrument } from '../instrument';
import { writeCache } from './cache';

export interface BuildFile {
  from: string; // absolute
  to: string;
  key: string;
}

export interface BuildBatch {
  files: BuildFile[];
  register: string;
  cache: boolean;
  cacheDir?: string;
}

export interface BatchResult {
  instrumented: number;
  errors: { to: string; error: string }[];
}

export function writeAtomically(file: string, data: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.jsrace-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** The map's sources, named relative to the output file instead of the input. */
function rebase(map: RawSourceMap, from: string, to: string): RawSourceMap {
  const sources = map.sources.map((source) => {
    const absolute = path.resolve(path.dirname(from), map.sourceRoot ?? '', source);
    return path.relative(path.dirname(path.resolve(to)), absolute);
  });
  return { ...map, sources, sourceRoot: undefined as unknown as string };
}

/** Writes one instrumented file and its map beside it. */
export function writeOutput(file: BuildFile, code: string, map: RawSourceMap | null): void {
  const mapName = `${path.basename(file.to)}.map`;
  writeAtomically(file.to, `${code}\n//# sourceMappingURL=${mapName}\n`);
  if (map) writeAtomically(`${file.to}.map`, JSON.stringify(rebase(map, file.from, file.to)));
}

export default function buildBatch(batch: BuildBatch): BatchResult {
  if (batch.cacheDir) process.env.JSRACE_CACHE_DIR = batch.cacheDir;
  const result: BatchResult = { instrumented: 0, errors: [] };
  for (const file of batch.files) {
    try {
      const out = instrument(fs.readFileSync(file.from, 'utf8'), file.from, undefined, batch.register);
      writeOutput(file, out.code, out.map);
      if (batch.cache) writeCache(file.key, out);
      result.instrumented++;
    } catch (e) {
      const error = e instanceof InstrumentError ? e.message : `${file.from}: ${(e as Error).message}`;
      result.errors.push({ to: file.to, error });
    }
  }
  return result;
}
