// Node's module.register hooks (run on Node's loader thread): instrument every ES module
// jsrace checks before it is evaluated. CommonJS goes through the require hook instead.
import { fileURLToPath } from 'url';
import { loadOptions } from './config';
import { instrumentSource, shouldInstrument } from './require-hook';

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
