// The instrumenter's facade: source text in, instrumented text and its source map out.
// Line numbers are kept (retainLines) so that anything the program prints about its own
// lines stays true; the map restores columns for stack frames.
import * as babel from '@babel/core';
import type { RawSourceMap } from 'source-map';
import jsracePlugin, { INSTRUMENTED_MARKER } from './plugin';

export interface Instrumented {
  code: string;
  map: RawSourceMap | null;
}

export class InstrumentError extends Error {
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly reason: string) {
    super(`${file}:${line}:${column}: ${reason}`);
  }
}

/** False for code jsrace already instrumented: a file is never instrumented twice. */
export function needsInstrumenting(code: string): boolean {
  return !code.includes(INSTRUMENTED_MARKER);
}

/** JSRACE_HISTORY=0 leaves the history out, to measure what it costs (npm run bench). */
export function historyEnabled(): boolean {
  return process.env.JSRACE_HISTORY !== '0';
}

/**
 * `sitesMap`, when given, maps `code` to its original sources for naming sites, and the output
 * map then describes only this step (what a bundler's transform hook must return).
 */
export function instrument(code: string, filename: string, sitesMap?: RawSourceMap, standalone?: string): Instrumented {
  let result: babel.BabelFileResult | null;
  try {
    result = babel.transformSync(code, {
      filename,
      babelrc: false,
      configFile: false,
      sourceType: filename.endsWith('.mjs') ? 'module' : filename.endsWith('.cjs') ? 'script' : 'unambiguous',
      retainLines: true,
      sourceMaps: true,
      ...(sitesMap ? { inputSourceMap: false as unknown as babel.TransformOptions['inputSourceMap'] } : {}),
      // A file's own map (tsc's sourceMap or inlineSourceMap, a bundler's, Babel's) is chained:
      // the output map and the site table point at the original sources.
      compact: false,
      parserOpts: { allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true },
      plugins: [[jsracePlugin, { file: filename, history: historyEnabled(), sitesMap, standalone }]],
    });
  } catch (e) {
    const err = e as { loc?: { line: number; column: number }; reasonCode?: string; message?: string };
    const reason = (err.message ?? String(e)).replace(/^[^:]*: /, '').split('\n')[0].replace(/ \(\d+:\d+\)$/, '');
    throw new InstrumentError(filename, err.loc?.line ?? 0, (err.loc?.column ?? 0) + 1, reason);
  }
  if (!result || result.code == null) throw new InstrumentError(filename, 0, 0, 'Babel produced no output');
  return { code: result.code, map: (result.map as RawSourceMap | null | undefined) ?? null };
}
