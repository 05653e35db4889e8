// `jsrace build <src...> --out-dir <dir>`: an instrumented copy of a program that detects
// races when run with plain `node`, like a Go binary built with -race.
//
// - Every .js/.mjs/.cjs file is instrumented (in parallel, on piscina workers) with a prelude
//   that loads the runtime, and written with a source map chained to its own input map;
//   other files are copied. node_modules is skipped unless --include names a package.
// - A content-addressed cache (input bytes, input map, jsrace's own code, options) makes an
//   unchanged file cost a hash and a copy.
// - A file that does not parse is named with line and column; the others are still built,
//   and the build exits non-zero. Outputs are written to a temporary name and renamed, so no
//   half-written file is ever left.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cacheKey, readCache, writeCache } from './cache';
import type { BatchResult, BuildBatch, BuildFile } from './build-worker';
import { writeOutput } from './build-worker';

const REGISTER = path.resolve(__dirname, 'register.js');
const SCRIPTS = new Set(['.js', '.mjs', '.cjs']);

export interface BuildOptions {
  sources: string[];
  outDir: string;
  jobs: number;
  cache: boolean;
  cacheDir?: string;
  include: string[];
}

interface Job { from: string; to: string }

function collect(sources: string[], outDir: string, include: string[]): Job[] {
  const jobs: Job[] = [];
  const out = path.resolve(outDir);
  const walk = (from: string, to: string) => {
    const stat = fs.statSync(from);
    if (stat.isDirectory()) {
      if (path.resolve(from) === out) return;
      for (const name of fs.readdirSync(from).sort()) {
        const child = path.join(from, name);
        if (name === 'node_modules') {
          for (const pkg of include) {
            const dir = path.join(child, pkg);
            if (fs.existsSync(dir)) walk(dir, path.join(to, name, pkg));
          }
          continue;
        }
        walk(child, path.join(to, name));
      }
    } else if (stat.isFile()) {
      jobs.push({ from, to });
    }
  };
  for (const source of sources) {
    const stat = fs.statSync(source);
    walk(source, stat.isDirectory() ? out : path.join(out, path.basename(source)));
  }
  return jobs;
}

/** The bytes of a file's own external source map, which the output map depends on too. */
function inputMapBytes(file: string, code: string): string {
  const m = /\/\/[#@] sourceMappingURL=(?!data:)(\S+)\s*$/.exec(code.slice(-1000));
  if (!m) return '';
  try {
    return fs.readFileSync(path.resolve(path.dirname(file), m[1]), 'utf8');
  } catch {
    return '';
  }
}

function progress(done: number, total: number, started: number): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files (${rate.toFixed(0)}/s)`);
}

export async function build(o: BuildOptions): Promise<number> {
  const started = Date.now();
  if (o.cacheDir) process.env.JSRACE_CACHE_DIR = path.resolve(o.cacheDir);
  const jobs = collect(o.sources, o.outDir, o.include);
  const counts = { instrumented: 0, cached: 0, copied: 0, failed: 0 };
  const failures: string[] = [];
  const misses: BuildFile[] = [];
  let done = 0;

  for (const job of jobs) {
    if (!SCRIPTS.has(path.extname(job.from))) {
      fs.mkdirSync(path.dirname(job.to), { recursive: true });
      fs.copyFileSync(job.from, job.to);
      counts.copied++;
      progress(++done, jobs.length, started);
      continue;
    }
    const from = path.resolve(job.from);
    const code = fs.readFileSync(from, 'utf8');
    const key = cacheKey(`build\0${REGISTER}\0${from}\0${createHash('sha1').update(inputMapBytes(from, code)).digest('hex')}`, code);
    const hit = o.cache ? readCache(key) : undefined;
    if (hit) {
      writeOutput({ from, to: job.to, key }, hit.code, hit.map);
      counts.cached++;
      progress(++done, jobs.length, started);
    } else {
      misses.push({ from, to: job.to, key });
    }
  }

  if (misses.length) {
    // Batches keep the per-task cost small; the workers write what they instrument.
    const batchSize = Math.max(1, Math.min(25, Math.ceil(misses.length / (o.jobs * 4))));
    const { Piscina } = require('piscina') as typeof import('piscina');
    const pool = new Piscina({ filename: path.resolve(__dirname, 'build-worker.js'), maxThreads: o.jobs, minThreads: Math.min(o.jobs, misses.length) });
    const batches: BuildFile[][] = [];
    for (let i = 0; i < misses.length; i += batchSize) batches.push(misses.slice(i, i + batchSize));
    await Promise.all(batches.map(async (files) => {
      const batch: BuildBatch = { files, register: REGISTER, cache: o.cache, cacheDir: process.env.JSRACE_CACHE_DIR };
      const result = (await pool.run(batch)) as BatchResult;
      counts.instrumented += result.instrumented;
      for (const { to, error } of result.errors) {
        counts.failed++;
        failures.push(error);
        if (fs.existsSync(to)) fs.rmSync(to); // never leave a stale instrumented copy
      }
      done += files.length;
      progress(done, jobs.length, started);
    }));
    await pool.destroy();
  }

  if (process.stderr.isTTY) process.stderr.write('\n');
  for (const f of failures) process.stderr.write(`jsrace build: cannot instrument ${f}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(2);
  process.stderr.write(`jsrace build: ${jobs.length} files: ${counts.instrumented} instrumented, ${counts.cached} from cache, ${counts.copied} copied, ${counts.failed} failed in ${seconds}s\n`);
  return counts.failed > 0 ? 1 : 0;
}

export function parseBuildArgs(args: string[]): BuildOptions | string {
  const o: BuildOptions = { sources: [], outDir: '', jobs: Math.max(1, os.availableParallelism?.() ?? os.cpus().length), cache: true, include: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--out-dir' || a === '-d') o.outDir = value();
      else if (a === '--jobs' || a === '-j') {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) return `--jobs: expected a whole number of at least 1`;
        o.jobs = n;
      } else if (a === '--no-cache') o.cache = false;
      else if (a === '--cache-dir') o.cacheDir = value();
      else if (a === '--include') o.include = value().split(',').filter(Boolean);
      else if (a.startsWith('-')) return `unknown option ${a}`;
      else o.sources.push(a);
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (o.sources.length === 0) return 'build needs at least one source file or directory';
  if (!o.outDir) return 'build needs --out-dir <dir>';
  for (const s of o.sources) if (!fs.existsSync(s)) return `no such file or directory: ${s}`;
  return o;
}
