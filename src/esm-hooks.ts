// Node's module.register hooks (run on Node's loader thread): instrument every ES module
// jsrace checks before it is evaluated. CommonJS goes through the require hook instead.
import { fileURLToPath } from 'url';

type Shared = Pick<typeof import('./require-hook'), 'instrumentSource' | 'shouldInstrument'> & Pick<typeof import('./config'), 'loadOptions'>;

/**
 * This thread's runtime's instances, from register.js: the one Node's `--require` already
 * ran here (Node runs preloads on the loader thread too, and every worker of an ES module
 * program gets both preloads), or a new one. Without a runtime (a program started with
 * --import alone), the hooks a program registers after jsrace's, loaded on this thread
 * through these hooks and instrumented, would throw for want of it. register.js's boot.js
 * bundles these modules: requiring their own files would load second copies.
 */
function shared(): Shared {
  try {
    return require('./register') as typeof import('./register');
  } catch {
    // Instrumenting goes on with this folder's files; only such hooks would fail.
    const { instrumentSource, shouldInstrument } = require('./require-hook') as typeof import('./require-hook');
    const { loadOptions } = require('./config') as typeof import('./config');
    return { instrumentSource, shouldInstrument, loadOptions };
  }
}
const { instrumentSource, shouldInstrument, loadOptions } = shared();

interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | ArrayBufferView | null;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context: unknown) => Promise<LoadResult>;

let include: string[] = [];
let exclude: string[] = [];
try {
  ({ include, exclude } = loadOptions());
} catch {
  // The main thread has already reported bad options and stopped.
}

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> {
  const result = await nextLoad(url, context);
  if (result.format !== 'module' || !url.startsWith('file:') || result.source == null) return result;
  const filename = fileURLToPath(url);
  if (!shouldInstrument(filename, include, exclude)) return result;
  const source = typeof result.source === 'string' ? result.source : Buffer.from(result.source as ArrayBuffer).toString('utf8');
  return { ...result, source: instrumentSource(source, filename) };
}
