// Many threads: more than 256 alive at once, and 1000 over one run (thread slots reused),
// without losing a race or inventing one.
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { ROOT, raceLines, runNode } from './helpers';

const fixture = (name: string) => path.join(ROOT, 'test', 'fixtures', name);
const lineOf = (file: string, text: string) => fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

describe('many threads', () => {
  it('keeps 300 live workers apart and finds the one racy pair among them', async () => {
    const file = fixture('many-workers.js');
    const r = await runNode(file, { args: ['300', 'racy'], timeoutMs: 120000 });
    expect(r.stdout).toContain('all 300 workers done');
    expect(r.races.map(raceLines)).toEqual([[lineOf(file, 'if (racy) slots[0] = -1;'), lineOf(file, 'slots[k] = k + 1;')]]);
    expect(r.code).toBe(66);
  }, 150000);

  it('reuses slots over 1000 workers and still orders every joined one', async () => {
    const file = fixture('worker-waves.js');
    const r = await runNode(file, { args: ['10', '100', 'racy'], timeoutMs: 240000 });
    expect(r.stdout).toContain('1000 workers done');
    // Which of the two accesses comes first in time varies; the pair does not.
    expect(r.races.map((x) => raceLines(x).sort((a, b) => a - b))).toEqual([[lineOf(file, 'too early:'), lineOf(file, 'workerData.data[workerData.i] =')]]);
    expect(Math.max(r.races[0].access.thread.id, r.races[0].previous.thread.id)).toBeGreaterThan(900);
    expect(r.code).toBe(66);
  }, 300000);
});
