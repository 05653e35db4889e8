// Maps positions in code jsrace instrumented back to the file's own positions, so that
// stack frames name the lines a user wrote. Maps are kept raw and parsed only when a
// report needs them (the slow path).
import * as fs from 'fs';
import * as path from 'path';
import type { SourceMapConsumer as Consumer, RawSourceMap } from 'source-map';

// Loaded when a report first maps a frame: most threads never need it, and every worker
// starts faster (stack.ts keeps creation stacks unmapped until then).
let library: typeof import('source-map') | undefined;

const rawMaps = new Map<string, RawSourceMap>();
const consumers = new Map<string, Consumer | null>();

export function rememberMap(file: string, map: RawSourceMap | null | undefined): void {
  if (!map) return;
  rawMaps.set(file, map);
  consumers.delete(file);
}

const sourceRoots = new Map<string, string>();

/** Finds maps of files instrumented elsewhere (set by the entry point that owns the cache). */
let mapLoader: ((file: string) => RawSourceMap | undefined) | undefined;
export function setMapLoader(fn: (file: string) => RawSourceMap | undefined): void {
  mapLoader = fn;
}

/** A map for a file jsrace did not instrument: its own `//# sourceMappingURL`, inline or beside it. */
function mapOnDisk(file: string): RawSourceMap | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const match = /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(text.slice(-100000));
    if (!match) return undefined;
    const url = match[1];
    const inline = /^data:application\/json;(?:charset=[^;]+;)?base64,(.*)$/.exec(url);
    const json = inline ? Buffer.from(inline[1], 'base64').toString('utf8') : fs.readFileSync(path.resolve(path.dirname(file), url), 'utf8');
    return JSON.parse(json) as RawSourceMap;
  } catch {
    return undefined;
  }
}

/** Where a position in a running file came from: the file's original source when it has a map. */
export function originalPosition(file: string, line: number, column: number): { file: string; line: number; column: number } {
  let consumer = consumers.get(file);
  if (consumer === undefined) {
    const raw = rawMaps.get(file) ?? (file.startsWith('/') ? mapLoader?.(file) ?? mapOnDisk(file) : undefined);
    consumer = null;
    if (raw) {
      try {
        library ??= require('source-map') as typeof import('source-map');
        consumer = new library.SourceMapConsumer(raw);
        sourceRoots.set(file, raw.sourceRoot ?? '');
      } catch {
        consumer = null;
      }
    }
    consumers.set(file, consumer);
  }
  if (!consumer) return { file, line, column };
  const pos = consumer.originalPositionFor({ line, column: column - 1, bias: library!.SourceMapConsumer.GREATEST_LOWER_BOUND });
  if (pos.line == null) return { file, line, column };
  let source = file;
  if (pos.source) {
    source = pos.source.startsWith('file://') ? new URL(pos.source).pathname
      : path.isAbsolute(pos.source) ? pos.source : path.resolve(path.dirname(file), sourceRoots.get(file) ?? '', pos.source);
  }
  return { file: source, line: pos.line, column: (pos.column ?? 0) + 1 };
}
