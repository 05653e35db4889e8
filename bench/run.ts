// `npm run bench`: overhead of jsrace per kernel, as the ratio of the median work time
// under jsrace to the median under plain node (runs alternate, median of RUNS each), with
// the history that rebuilds earlier stacks and without it (JSRACE_HISTORY=0).
// Each kernel times its own work, so process start-up and instrumenting are left out;
// one warm-up run under jsrace fills the instrumentation cache first.
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, runNode } from '../test/helpers';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const KERNELS = ['shared-hammer', 'no-shared'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function timeOnce(file: string, jsrace: boolean, history = true): Promise<number> {
  const r = await runNode(file, { jsrace, options: '', env: { JSRACE_HISTORY: history ? '1' : '0' } });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.code !== 0 || !line.startsWith('{')) throw new Error(`${path.basename(file)} failed (exit ${r.code}):\n${r.stderr}`);
  return (JSON.parse(line) as { ms: number }).ms;
}

async function main(): Promise<void> {
  const results: Record<string, { plainMs: number; jsraceMs: number; ratio: number; noHistoryMs: number; noHistoryRatio: number; runs: number }> = {};
  console.log(`kernel           plain ms   jsrace ms   ratio   no-history ms   ratio   (median of ${RUNS})`);
  for (const name of KERNELS) {
    const file = path.join(ROOT, 'bench', 'kernels', `${name}.js`);
    await timeOnce(file, true);
    await timeOnce(file, true, false);
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
    results[name] = { plainMs: p, jsraceMs: j, ratio: j / p, noHistoryMs: n, noHistoryRatio: n / p, runs: RUNS };
    console.log(`${name.padEnd(16)} ${p.toFixed(1).padStart(8)}   ${j.toFixed(1).padStart(9)}   ${(j / p).toFixed(2).padStart(5)}x   ${n.toFixed(1).padStart(13)}   ${(n / p).toFixed(2).padStart(5)}x`);
  }
  const out = path.join(ROOT, 'bench', 'results.json');
  fs.writeFileSync(out, JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2) + '\n');
  console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
}

void main();
