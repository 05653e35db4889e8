// `npm run corpus`: runs every labelled program in test/corpus under jsrace and checks its
// reports against the labels.
//
// A case is a .js/.mjs file whose first line is `// expect: race` or `// expect: norace`.
// In a race case, every line that takes part in a race ends with the comment `// RACE`.
// A race case passes when it is reported, every report names two marked lines (the access
// and the previous access), and every marked line is named by some report. A norace case
// passes when nothing is reported and the program exits 0.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, runNode, raceLines, RunResult } from '../helpers';

const CORPUS = path.join(ROOT, 'test', 'corpus');

export interface CaseResult {
  name: string;
  expect: 'race' | 'norace';
  pass: boolean;
  detected: boolean;
  exact: boolean;
  falsePositive: boolean;
  reason: string;
  ms: number;
}

export function listCases(dir = CORPUS): string[] {
  return fs.readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.(c|m)?js$/.test(f) && !f.includes('node_modules') && !path.basename(f).startsWith('_'))
    .filter((f) => /^\/\/ expect: (race|norace)\b/.test(fs.readFileSync(path.join(dir, f), 'utf8')))
    .sort();
}

export function parseCase(file: string): { expect: 'race' | 'norace'; marked: Set<number> } {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const expect = lines[0].includes('expect: norace') ? 'norace' : 'race';
  const marked = new Set<number>();
  lines.forEach((l, i) => {
    if (/\/\/ RACE\b/.test(l)) marked.add(i + 1);
  });
  return { expect, marked };
}

export function judge(name: string, file: string, r: RunResult): CaseResult {
  const { expect, marked } = parseCase(file);
  const res: CaseResult = { name, expect, pass: false, detected: r.races.length > 0, exact: false, falsePositive: false, reason: '', ms: r.ms };
  const own = r.races.filter((x) => x.access.site?.file === file || x.access.stack[0]?.file === file);
  if (r.timedOut) {
    res.reason = 'timed out';
    return res;
  }
  if (expect === 'norace') {
    res.falsePositive = r.races.length > 0;
    if (res.falsePositive) res.reason = `false alarm at lines ${r.races.map((x) => raceLines(x).join('/')).join(', ')}`;
    else if (r.code !== 0) res.reason = `exit status ${r.code}\n${r.stderr.slice(-2000)}`;
    else res.pass = true;
    return res;
  }
  if (r.races.length === 0) {
    res.reason = `no race reported (exit ${r.code})\n${r.stderr.slice(-2000)}`;
    return res;
  }
  const named = new Set<number>();
  const unmarked: string[] = [];
  for (const race of own) {
    const [a, b] = raceLines(race);
    named.add(a);
    named.add(b);
    if (!marked.has(a) || !marked.has(b)) unmarked.push(`${a}/${b}`);
  }
  const missing = [...marked].filter((l) => !named.has(l));
  res.exact = unmarked.length === 0 && missing.length === 0 && own.length > 0;
  if (own.length === 0) res.reason = 'reports name no line of this file';
  else if (unmarked.length) res.reason = `report names unmarked lines ${unmarked.join(', ')}`;
  else if (missing.length) res.reason = `marked lines never reported: ${missing.join(', ')}`;
  else if (r.code !== 66) res.reason = `exit status ${r.code}, expected 66`;
  else res.pass = true;
  return res;
}

/**
 * Runs the cases under jsrace; with `built`, runs the copies `jsrace build` wrote into that
 * folder with plain node instead, judged against the same labels and source lines.
 */
export async function runCorpus(names: string[], jobs = Math.max(2, os.cpus().length), built?: string): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(names.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < names.length) {
      const i = next++;
      const file = path.join(CORPUS, names[i]);
      const run = built ? path.join(built, names[i]) : file;
      const r = await runNode(run, { jsrace: !built, options: 'format=json', cwd: path.dirname(run), timeoutMs: 30000, env: built ? { JSRACE_OPTIONS: 'format=json' } : {} });
      results[i] = judge(names[i], file, r);
    }
  }
  await Promise.all(Array.from({ length: jobs }, worker));
  return results;
}

async function main(): Promise<void> {
  const filter = process.argv.slice(2);
  const names = listCases().filter((n) => filter.length === 0 || filter.some((f) => n.includes(f)));
  const results = await runCorpus(names);
  for (const r of results) {
    const status = r.pass ? 'PASS' : 'FAIL';
    console.log(`${status}  ${r.expect.padEnd(6)}  ${r.name}  (${r.ms} ms)${r.pass ? '' : `\n      ${r.reason.split('\n').join('\n      ')}`}`);
  }
  const racy = results.filter((r) => r.expect === 'race');
  const clean = results.filter((r) => r.expect === 'norace');
  const detected = racy.filter((r) => r.detected).length;
  const exact = racy.filter((r) => r.exact).length;
  const falsePositives = clean.filter((r) => r.falsePositive).length;
  const passed = results.filter((r) => r.pass).length;
  console.log('');
  console.log(`corpus: ${results.length} cases (${racy.length} race, ${clean.length} norace)`);
  console.log(`recall: ${detected}/${racy.length} racy cases reported; exact lines: ${exact}/${racy.length}`);
  console.log(`false positives: ${falsePositives}/${clean.length} race-free cases`);
  console.log(`${passed} passed, ${results.length - passed} failed`);
  process.exitCode = passed === results.length ? 0 : 1;
}

if (require.main === module) void main();
