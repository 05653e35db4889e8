// jsrace where people run their tests: a race during a test fails that test, with the report,
// and the run fails; race-free tests pass. Real runners on projects in temporary directories.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { ROOT, runProcess } from './helpers';

const fixture = (name: string) => path.join(ROOT, 'test', 'fixtures', name);

function project(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-runner-'));
  fs.cpSync(fixture(name), dir, { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

describe('node --test', () => {
  it('fails the racing test with the report and passes the others', async () => {
    const dir = project('node-test');
    const r = await runProcess(process.execPath, ['--test', '--import', path.join(ROOT, 'src', 'register.mjs'), 'race.test.mjs'], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toMatch(/^ok 1 - clean$/m);
    expect(r.stdout).toMatch(/^not ok 2 - racy$/m);
    expect(r.stdout).toMatch(/^ok 3 - after$/m);
    const failure = r.stdout.slice(r.stdout.indexOf('not ok 2 - racy'), r.stdout.indexOf('ok 3 - after'));
    expect(failure).toContain('jsrace found a data race:');
    expect(failure).toMatch(/Previous write at 0x[0-9a-f]{12} by main thread:\n\s+<anonymous>\(\)\n\s+\S+race\.test\.mjs:14:3/);
  });
});

describe('Vitest plugin', () => {
  for (const pool of ['forks', 'threads']) {
    it(`fails the racing test with the report under pool: '${pool}'`, async () => {
      const dir = project('vitest-project');
      const env = { ...process.env, POOL: pool, JSRACE_PLUGIN: path.join(ROOT, 'dist', 'src', 'vitest.js'), NO_COLOR: '1', FORCE_COLOR: '0' };
      delete env.VITEST;
      delete env.VITEST_POOL_ID;
      delete env.VITEST_WORKER_ID;
      delete env.NODE_OPTIONS;
      const r = await runProcess(process.execPath, [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], { cwd: dir, env, timeoutMs: 120000 });
      const out = r.stdout + r.stderr;
      expect(r.code).toBe(1);
      expect(out).toMatch(/✓ clean\.spec\.js/);
      expect(out).toMatch(/FAIL\s+racy\.spec\.js > plain adds from two workers/);
      expect(out).toMatch(/jsrace found a data race:\n==================\nWARNING: DATA RACE\n(Read|Write) at 0x[0-9a-f]{12} by worker \d+:\n {2}<top-level>\(\)\n {6}\S+adder\.js:5:/);
      expect(out).toMatch(/Tests\s+1 failed \| 1 passed/);
      expect(out).toContain('jsrace: Found 1 data race(s) in 1 test(s): plain adds from two workers');
    }, 150000);
  }
});
