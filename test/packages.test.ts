// Real packages that share memory between worker threads, used the way their READMEs intend,
// with the package's own code instrumented (`include=<package>`): a correct program is
// silent and computes what it computes without jsrace; a broken one is reported.
// Fixtures live in test/packages/. Third-party code is only ever copied (and patched) at
// test time, into a temporary directory.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { ROOT, raceLines, runNode, RunResult } from './helpers';

const fixture = (name: string) => path.join(ROOT, 'test', 'packages', name);
const lineOf = (file: string, text: string) => fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

/** Runs a fixture under jsrace (with `include`) and under plain node, side by side. */
async function bothWays(file: string, include: string, args: string[] = []): Promise<{ checked: RunResult; plain: RunResult }> {
  const [checked, plain] = await Promise.all([
    runNode(file, { options: `format=json include=${include}`, args }),
    runNode(file, { jsrace: false, args }),
  ]);
  return { checked, plain };
}

/** What a correct program must look like under jsrace. */
function expectSilentAndFaithful({ checked, plain }: { checked: RunResult; plain: RunResult }): void {
  expect(plain.code, plain.stderr).toBe(0);
  expect(checked.stderr).not.toContain('cannot instrument');
  expect(checked.races).toEqual([]);
  expect(checked.stdout).toBe(plain.stdout);
  expect(checked.code, checked.stderr).toBe(0);
  expect(checked.timedOut).toBe(false);
}

describe('correct programs over real packages are silent, with the package instrumented', () => {
  it('sharedmap: 4 workers set, get, delete and lock the same map', async () => {
    const runs = await bothWays(fixture('sharedmap-app.js'), 'sharedmap');
    expectSilentAndFaithful(runs);
    const out = runs.checked.stdout;
    expect(out).toContain('worker 3: 0 bad reads');
    expect(out).toContain('own keys present: 960, wrong: 0');
    expect(out).toContain('counters: 100 100 100 100 100 100 100 100');
    expect(out).toContain('shared keys with a final value: 16/16');
    expect(out).toContain('length 984, keys() 984');
  });

  it('ringbuf.js: 12000 items through two SPSC rings and three workers', async () => {
    const runs = await bothWays(fixture('ringbuf-app.js'), 'ringbuf.js');
    expectSilentAndFaithful(runs);
    expect(runs.checked.stdout).toContain('consumed 12000 items, in order: true, ring empty: true');
    expect(runs.checked.stdout).toContain('sum 143994000 (expected 143994000)');
  });

  it('synckit: 40 blocking calls that hand a SharedArrayBuffer back and forth, and one that throws', async () => {
    const runs = await bothWays(fixture('synckit-app.js'), 'synckit');
    expectSilentAndFaithful(runs);
    expect(runs.checked.stdout).toContain('40 sync calls, total 1491840, mismatches 0');
    expect(runs.checked.stdout).toContain('worker: call 30 done');
    expect(runs.checked.stdout).toContain('failing call threw RangeError: call 99 refused');
  });

  it('thread-stream: 3000 log lines through a 16 KiB shared ring, with drain, flush and end', async () => {
    const runs = await bothWays(fixture('thread-stream-app.js'), 'thread-stream');
    expectSilentAndFaithful(runs);
    expect(runs.checked.stdout).toContain('file: 3000 lines');
    expect(runs.checked.stdout).toContain('counted in the worker: 3000 lines, 178615 bytes (expected 178615), hash ok: true');
    expect(runs.checked.stdout).toContain('in order: true, waited for drain: true');
  });
});

describe('a lock removed is reported', () => {
  it('with its locks, sharedmap is silent while workers update the same keys', async () => {
    const runs = await bothWays(fixture('sharedmap-contended.js'), 'sharedmap');
    expectSilentAndFaithful(runs);
    expect(runs.checked.stdout).toBe('done: 8 keys\n');
  });

  it('sharedmap with its lock and unlock methods emptied races inside the package', async () => {
    const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-nolock-')));
    try {
      // A copy of the installed package under another name (docs and the 7 MB test dictionary left out).
      const installed = path.join(ROOT, 'node_modules', 'sharedmap');
      const pkgDir = path.join(tmp, 'node_modules', 'sharedmap-nolock');
      fs.cpSync(installed, pkgDir, {
        recursive: true,
        filter: (src) => !['docs', 'words_dictionary.json'].includes(path.basename(src)),
      });
      const pkgJson = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { name: string; main: string };
      pkgJson.name = 'sharedmap-nolock';
      fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(pkgJson, null, 2));

      // Every lock primitive returns at once: the map lock, and the per-line locks
      // (_lockLine must still return the line it "locked").
      const main = path.join(pkgDir, pkgJson.main);
      let code = fs.readFileSync(main, 'utf8');
      const noOps: [string, string][] = [
        ['_lock(l) {', '_lock(l) { return;'],
        ['_unlock(l) {', '_unlock(l) { return;'],
        ['_lockLine(pos) {', '_lockLine(pos) { return pos;'],
        ['_unlockLine(pos) {', '_unlockLine(pos) { return;'],
      ];
      for (const [from, to] of noOps) {
        expect(code.split(from).length - 1, from).toBe(1);
        code = code.replace(from, to);
      }
      fs.writeFileSync(main, code);

      const app = path.join(tmp, 'sharedmap-contended.js');
      fs.copyFileSync(fixture('sharedmap-contended.js'), app);
      const r = await runNode(app, { options: 'format=json include=sharedmap-nolock', args: ['sharedmap-nolock'], cwd: tmp });
      expect(r.timedOut).toBe(false);
      expect(r.races.length).toBeGreaterThan(0);
      const inPackage = r.races.filter((race) => race.access.site?.file === main || race.previous.site?.file === main);
      expect(inPackage.length, JSON.stringify(r.races.map((race) => [race.access.site, race.previous.site]))).toBeGreaterThan(0);
      expect(r.stdout).toBe('done: 8 keys\n');
      expect(r.code).toBe(66);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('piscina', () => {
  it('tasks that each rewrite their own slice of one array, read after Promise.all, are silent', async () => {
    const runs = await bothWays(fixture('piscina-slices.js'), 'piscina');
    expectSilentAndFaithful(runs);
    expect(runs.checked.stdout).toBe(
      'slices: 8, array total 23998000, task total 23998000, expected 23998000, wrong 0\npool destroyed\n',
    );
  });

  it('two tasks writing the same element at once race on the marked line, and the exit status is 66', async () => {
    const task = fixture('piscina-task.js');
    const line = lineOf(task, '// RACY WRITE');
    const r = await runNode(fixture('piscina-racy.js'));
    expect(r.stdout).toBe('tasks arrived as 1 and 2\n');
    expect(r.races).toHaveLength(1);
    expect(raceLines(r.races[0])).toEqual([line, line]);
    expect(r.races[0].access.site?.file).toBe(task);
    expect(r.races[0].previous.site?.file).toBe(task);
    expect(r.races[0].access.op).toBe('write');
    expect(r.races[0].previous.op).toBe('write');
    expect(r.races[0].access.thread.id).not.toBe(r.races[0].previous.thread.id);
    expect(r.code).toBe(66);
  });
});
