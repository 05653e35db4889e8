// A content-addressed disk cache of instrumented files, so that every worker that loads the
// same file reuses the first thread's work and never needs to load Babel itself.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Instrumented } from '../instrument';

import { VERSION } from './version';

/** Output depends on the instrumenter's own code, so its bytes are part of every key. */
let fingerprint: string | undefined;
function instrumenterFingerprint(): string {
  if (fingerprint === undefined) {
    const h = createHash('sha1').update(VERSION).update(process.env.JSRACE_HISTORY === '0' ? 'no-history' : 'history');
    for (const f of ['plugin.js', 'index.js']) {
      try {
        h.update(fs.readFileSync(path.join(__dirname, '..', 'instrument', f)));
      } catch {
        h.update(String(Date.now()));
      }
    }
    fingerprint = h.digest('hex');
  }
  return fingerprint;
}

function cacheDir(): string {
  if (process.env.JSRACE_CACHE_DIR) return process.env.JSRACE_CACHE_DIR;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return path.join(os.tmpdir(), `jsrace-cache-${uid}`);
}

export function cacheKey(filename: string, code: string): string {
  return createHash('sha1').update(`${instrumenterFingerprint()}\0${filename}\0`).update(code).digest('hex');
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
