// `npm run bench`: overhead of jsrace per kernel, as the ratio of the median work time
// under jsrace to the median under plain node (runs alternate, median of RUNS each), with
// the history that rebuilds earlier stacks and without it (JSRACE_HISTORY=0).
// Each kernel times itself, so process start-up and instrumenting are left out; one warm-up
// run under jsrace fills the instrumentation cache first. Kernels with workers report three
// times: the whole run from the first `new Worker` (worker start-up included, as a program
// pays it), `work`, the longest worker's own loop, and `late`, the longest second half of a
// worker's loop: by then the JIT has compiled the program and jsrace's runtime, so its ratio
// is the steady cost per access, and the gap between it and the work ratio is warm-up.
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { CLI, ROOT, RunResult, runNode, runProcess } from '../test/helpers';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ALL_KERNELS = ['shared-hammer', 'histogram', 'matmul', 'spsc-ring', 'order-cache', 'piscina-pool', 'no-shared', 'no-shared-typed', 'no-shared-typed-params'];
// BENCH_KERNELS=histogram,spsc-ring runs only those (and skips the instrumenting and build benches).
const KERNELS = process.env.BENCH_KERNELS ? process.env.BENCH_KERNELS.split(',') : ALL_KERNELS;

// One kernel run or build: far above any normal run on a loaded 2-core machine, and a
// step that hangs is killed and named rather than leaving the bench to wait for ever.
const STEP_TIMEOUT_MS = 120000;

/** How a step ended, for its error: killed at the time limit, or its exit status. */
function failure(r: RunResult): string {
  return r.timedOut ? `was killed after ${STEP_TIMEOUT_MS / 1000} s (the bench's limit for one step)` : `failed (exit ${r.code ?? r.signal})`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const rss: Record<string, number[]> = {};
const work: Record<string, number[]> = {};
const late: Record<string, number[]> = {};

/** One run's time; `record` false (a warm-up) keeps its RSS and work time out of the medians. */
async function timeOnce(file: string, jsrace: boolean, history = true, record = true): Promise<number> {
  const r = await runNode(file, { jsrace, options: '', env: { JSRACE_HISTORY: history ? '1' : '0' }, timeoutMs: STEP_TIMEOUT_MS });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.code !== 0 || !line.startsWith('{')) throw new Error(`${path.basename(file)} ${failure(r)}:\n${r.stderr}`);
  const out = JSON.parse(line) as { ms: number; work?: number; late?: number; rssKb?: number };
  if (!record) return out.ms;
  if (out.rssKb) (rss[`${file}:${jsrace}:${history}`] ??= []).push(out.rssKb);
  (work[`${file}:${jsrace}:${history}`] ??= []).push(out.work ?? out.ms);
  if (out.late !== undefined) (late[`${file}:${jsrace}:${history}`] ??= []).push(out.late);
  return out.ms;
}

/** Files per second instrumenting the same files with jsrace's plugin and babel-plugin-istanbul. */
function benchInstrumenting(): { files: number; jsracePerSecond: number; istanbulPerSecond: number } {
  const babel = require('@babel/core') as typeof import('@babel/core');
  const jsracePlugin = require('../instrument/plugin').default;
  const istanbulPlugin = require('babel-plugin-istanbul');
  const dir = path.join(ROOT, 'test', 'corpus');
  const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f));
  const sources = files.map((f) => [f, fs.readFileSync(f, 'utf8')] as const);
  const pass = (plugin: babel.PluginItem, marker: string): number => {
    const started = performance.now();
    for (const [filename, code] of sources) {
      const out = babel.transformSync(code, { filename, babelrc: false, configFile: false, sourceMaps: true, plugins: [plugin] });
      if (!out?.code?.includes(marker)) throw new Error(`${filename} came out uninstrumented (no ${marker})`);
    }
    return sources.length / ((performance.now() - started) / 1000);
  };
  // istanbul's default exclude list skips test/**, where the corpus lives: without these
  // options it returns the files untouched and the comparison would be with a no-op.
  const istanbulOptions = { cwd: dir, exclude: [] };
  const jsrace = (): number => pass(jsracePlugin, '_jsrace');
  const istanbul = (): number => pass([istanbulPlugin, istanbulOptions], 'cov_');
  jsrace(); // warm-up
  istanbul();
  // Alternating passes, medians: the two share one process, its JIT and its heap.
  const rates = { jsrace: [] as number[], istanbul: [] as number[] };
  for (let i = 0; i < 5; i++) {
    rates.jsrace.push(jsrace());
    rates.istanbul.push(istanbul());
  }
  return { files: sources.length, jsracePerSecond: median(rates.jsrace), istanbulPerSecond: median(rates.istanbul) };
}

const SHADOW_MB = 192;

/**
 * Shadow bytes per shared byte, measured: how much more RSS grows under jsrace than under
 * plain node while a program writes every granule of a SHADOW_MB buffer (shared memory is
 * only resident once touched, so the growth is the buffer, and under jsrace its shadow).
 * The buffer is large so that the heap's own movements (a few MB) stay small beside it.
 */
async function benchShadowMemory(): Promise<{ bytesPerByte: number; plainGrownKb: number; jsraceGrownKb: number }> {
  const file = path.join(ROOT, 'bench', 'kernels', 'shadow-memory.js');
  const grown = async (jsrace: boolean): Promise<number> => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await runNode(file, { jsrace, options: '', nodeArgs: ['--expose-gc'], args: [String(SHADOW_MB)], timeoutMs: STEP_TIMEOUT_MS });
      const line = r.stdout.trim().split('\n').pop() ?? '';
      if (r.code !== 0 || !line.startsWith('{')) throw new Error(`shadow-memory ${failure(r)}:\n${r.stderr}`);
      runs.push((JSON.parse(line) as { grownKb: number }).grownKb);
    }
    return median(runs);
  };
  const plainGrownKb = await grown(false);
  const jsraceGrownKb = await grown(true);
  return { bytesPerByte: ((jsraceGrownKb - plainGrownKb) * 1024) / (SHADOW_MB << 20), plainGrownKb, jsraceGrownKb };
}

/** `jsrace build` on a tree of 300 generated modules: cold (--jobs 1 and parallel) and cached. */
async function benchBuild(): Promise<Record<string, number>> {
  const FILES = 300;
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-bench-src-'));
  // Modules of a realistic size (about 300 lines): eight parts made from the examples' code.
  const part = fs.readFileSync(path.join(ROOT, 'examples', 'order-cache', 'order-map.js'), 'utf8');
  const body = Array.from({ length: 8 }, (_, k) => `(function part${k}(module) {\n${part}\n})({ exports: {} });\n`).join('');
  for (let i = 0; i < FILES; i++) {
    fs.mkdirSync(path.join(src, `pkg${i % 10}`), { recursive: true });
    fs.writeFileSync(path.join(src, `pkg${i % 10}`, `module${i}.js`), `${body}module.exports.id = ${i};\n`);
  }
  const time = async (args: string[], cacheDir?: string): Promise<number> => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-bench-out-'));
    const started = Date.now();
    const r = await runProcess(process.execPath, [CLI, 'build', src, '--out-dir', out, ...args],
      { env: { ...process.env, ...(cacheDir ? { JSRACE_CACHE_DIR: cacheDir } : {}) }, timeoutMs: STEP_TIMEOUT_MS });
    if (r.code !== 0) throw new Error(`jsrace build ${args.join(' ')} ${failure(r)}:\n${r.stderr}`);
    return Date.now() - started;
  };
  const serial = median([await time(['--no-cache', '--jobs', '1']), await time(['--no-cache', '--jobs', '1']), await time(['--no-cache', '--jobs', '1'])]);
  const parallel = median([await time(['--no-cache']), await time(['--no-cache']), await time(['--no-cache'])]);
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-bench-cache-'));
  const first = await time([], cache);
  const second = median([await time([], cache), await time([], cache), await time([], cache)]);
  console.log(`\njsrace build of ${FILES} files (wall ms, including node start-up):`);
  console.log(`  --jobs 1 ${serial}   parallel (${os.cpus().length} jobs) ${parallel}   ratio ${(serial / parallel).toFixed(2)}x`);
  console.log(`  first build ${first}   unchanged rebuild ${second}   ratio ${(first / second).toFixed(2)}x`);
  return { files: FILES, serialMs: serial, parallelMs: parallel, firstMs: first, cachedMs: second };
}

async function main(): Promise<void> {
  const results: Record<string, {
    plainMs: number; jsraceMs: number; ratio: number; noHistoryMs: number; noHistoryRatio: number;
    plainWorkMs: number; jsraceWorkMs: number; workRatio: number; runs: number;
    plainRssKb?: number; jsraceRssKb?: number; rssRatio?: number;
    plainLateMs?: number; jsraceLateMs?: number; lateRatio?: number;
  }> = {};
  console.log(`kernel           plain ms   jsrace ms   ratio   no-history ms   ratio   work only: plain ms  jsrace ms   ratio   late half   (median of ${RUNS})`);
  for (const name of KERNELS) {
    const file = path.join(ROOT, 'bench', 'kernels', `${name}.js`);
    await timeOnce(file, true, true, false);
    await timeOnce(file, true, false, false);
    const plain: number[] = [];
    const checked: number[] = [];
    const noHistory: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      plain.push(await timeOnce(file, false));
      checked.push(await timeOnce(file, true));
      noHistory.push(await timeOnce(file, true, false));
    }
    const p = median(plain);
    const j = median(checked);
    const n = median(noHistory);
    const plainRss = median(rss[`${file}:false:true`] ?? [0]);
    const jsraceRss = median(rss[`${file}:true:true`] ?? [0]);
    const rssRatio = plainRss ? jsraceRss / plainRss : 0;
    const pw = median(work[`${file}:false:true`]);
    const jw = median(work[`${file}:true:true`]);
    const pl = late[`${file}:false:true`] ? median(late[`${file}:false:true`]) : undefined;
    const jl = late[`${file}:true:true`] ? median(late[`${file}:true:true`]) : undefined;
    const lateRatio = pl !== undefined && jl !== undefined ? jl / pl : undefined;
    results[name] = {
      plainMs: p, jsraceMs: j, ratio: j / p, noHistoryMs: n, noHistoryRatio: n / p,
      plainWorkMs: pw, jsraceWorkMs: jw, workRatio: jw / pw, runs: RUNS, plainRssKb: plainRss, jsraceRssKb: jsraceRss, rssRatio,
      plainLateMs: pl, jsraceLateMs: jl, lateRatio,
    };
    console.log(`${name.padEnd(16)} ${p.toFixed(1).padStart(8)}   ${j.toFixed(1).padStart(9)}   ${(j / p).toFixed(2).padStart(5)}x   ${n.toFixed(1).padStart(13)}   ${(n / p).toFixed(2).padStart(5)}x   ${pw.toFixed(1).padStart(19)}  ${jw.toFixed(1).padStart(9)}   ${(jw / pw).toFixed(2).padStart(5)}x   ${lateRatio === undefined ? '         ' : `${lateRatio.toFixed(2).padStart(8)}x`}   peak RSS ${rssRatio.toFixed(2)}x`);
  }
  if (process.env.BENCH_KERNELS) return;
  const instrumenting = benchInstrumenting();
  console.log(`\ninstrumenting ${instrumenting.files} files: jsrace ${instrumenting.jsracePerSecond.toFixed(0)} files/s, babel-plugin-istanbul ${instrumenting.istanbulPerSecond.toFixed(0)} files/s`);
  const shadow = await benchShadowMemory();
  console.log(`\nshadow memory: ${shadow.bytesPerByte.toFixed(2)} bytes per shared byte (RSS growth while writing all of a ${SHADOW_MB} MB buffer: plain ${(shadow.plainGrownKb / 1024).toFixed(0)} MB, jsrace ${(shadow.jsraceGrownKb / 1024).toFixed(0)} MB, medians of 3)`);
  const buildTimes = await benchBuild();
  const out = path.join(ROOT, 'bench', 'results.json');
  fs.writeFileSync(out, JSON.stringify({ node: process.version, date: new Date().toISOString(), results, instrumenting, shadow, build: buildTimes }, null, 2) + '\n');
  console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
}

void main();
