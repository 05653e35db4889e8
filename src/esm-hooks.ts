// Node's module.register hooks (run on Node's loader thread): instrument every ES module
// jsrace checks before it is evaluated. CommonJS goes through the require hook instead.
import * as path from 'path';
import { fileURLToPath } from 'url';

type Shared = Pick<typeof import('./require-hook'), 'instrumentSource' | 'shouldInstrument'> & Pick<typeof import('./config'), 'loadOptions'>;

/**
 * boot.js's instances when this thread booted the runtime (Node runs `--require` preloads
 * on the loader thread too, and every worker of an ES module program gets both preloads):
 * boot.js bundles these modules, and requiring their own files would load and compile
 * second copies. Otherwise this folder's files.
 */
function shared(): Shared {
  // A loader thread without the runtime (a program started with --import alone) boots one:
  // the hooks a program registers after jsrace's are loaded on this thread through these
  // hooks, instrumented, and would otherwise throw for want of it.
  try {
    if (!require.cache[path.join(__dirname, 'boot.js')]) require('./register');
  } catch {
    // Instrumenting goes on with this folder's files; only such hooks would fail.
  }
  const booted = require.cache[path.join(__dirname, 'boot.js')]?.exports as Partial<Shared> | undefined;
  if (booted?.instrumentSource && booted.shouldInstrument && booted.loadOptions) return booted as Shared;
  const { instrumentSource, shouldInstrument } = require('./require-hook') as typeof import('./require-hook');
  const { loadOptions } = require('./config') as typeof import('./config');
  return { instrumentSource, shouldInstrument, loadOptions };
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
