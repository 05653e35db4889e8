// Maps positions in code jsrace instrumented back to the file's own positions, so that
// stack frames name the lines a user wrote. Maps are kept raw and parsed only when a
// report needs them (the slow path).
import type { SourceMapConsumer as Consumer, RawSourceMap } from 'source-map';

// Loaded on the first report only: most threads never need it, and every worker starts faster.
let library: typeof import('source-map') | undefined;

const rawMaps = new Map<string, RawSourceMap>();
const consumers = new Map<string, Consumer | null>();

export function rememberMap(file: string, map: RawSourceMap | null | undefined): void {
  if (!map) return;
  rawMaps.set(file, map);
  consumers.delete(file);
}

export function originalPosition(file: string, line: number, column: number): { line: number; column: number } {
  let consumer = consumers.get(file);
  if (consumer === undefined) {
    const raw = rawMaps.get(file);
    library ??= require('source-map') as typeof import('source-map');
    consumer = raw ? new library.SourceMapConsumer(raw) : null;
    consumers.set(file, consumer);
  }
  if (!consumer) return { line, column };
  const pos = consumer.originalPositionFor({ line, column: column - 1, bias: library!.SourceMapConsumer.GREATEST_LOWER_BOUND });
  if (pos.line == null) return { line, column };
  return { line: pos.line, column: (pos.column ?? 0) + 1 };
}
