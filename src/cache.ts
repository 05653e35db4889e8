// A content-addressed disk cache of instrumented files, so that every worker that loads the
// same file reuses the first thread's work and never needs to load Babel itself.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Instrumented } from '../instrument';

import { VERSION } from './version';
import { contentHash } from './content-hash';

/**
 * Output depends on the instrumenter's own code, so its files are part of every key: by
 * size and modification time, which every build changes, and the version, which every
 * release changes (npm gives installed files one fixed time). Hashing their 50 KB instead
 * cost each worker a few milliseconds before its first line.
 */
let fingerprint: string | undefined;
function instrumenterFingerprint(): string {
  if (fingerprint === undefined) {
    const dir = path.join(__dirname, '..', 'instrument');
    let parts = `${VERSION}\0${process.env.JSRACE_HISTORY === '0' ? 'no-history' : 'history'}`;
    try {
      for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
        const st = fs.statSync(path.join(dir, f));
        parts += `\0${f}\0${st.size}\0${st.mtimeMs}`;
      }
    } catch {
      parts += String(Date.now());
    }
    fingerprint = parts;
  }
  return fingerprint;
}

function cacheDir(): string {
  if (process.env.JSRACE_CACHE_DIR) return process.env.JSRACE_CACHE_DIR;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return path.join(os.tmpdir(), `jsrace-cache-${uid}`);
}

export function cacheKey(filename: string, code: string): string {
  return contentHash(`${instrumenterFingerprint()}\0${filename}\0${code}`);
}

export function readCache(key: string): Instrumented | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(cacheDir(), `${key}.json`), 'utf8')) as Instrumented;
  } catch {
    return undefined;
  }
}

export function writeCache(key: string, value: Instrumented): void {
  try {
    const dir = cacheDir();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${key}.json`);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(value));
    fs.renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
}
