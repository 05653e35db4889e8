// ES modules and TypeScript: `node --import jsrace/register` and `jsrace run` on .mjs files,
// "type": "module" packages, dynamic import(), top-level await, workers given a URL or a .mjs
// path, and .ts entries run through tsx.
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, raceLines, runProcess } from './helpers';

const fixture = (name: string) => path.join(ROOT, 'test', 'fixtures', name);
const REGISTER_MJS = path.join(ROOT, 'src', 'register.mjs');
const env = { ...process.env, JSRACE_OPTIONS: 'format=json' };
const lineOf = (file: string, text: string) => fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

describe('ES modules', () => {
  for (const how of ['--import', 'jsrace run']) {
    it(`instruments modules, dynamic imports and .mjs/URL workers (${how})`, async () => {
      const args = how === '--import' ? ['--import', REGISTER_MJS, fixture('esm/app.mjs')] : [CLI, 'run', fixture('esm/app.mjs')];
      const r = await runProcess(process.execPath, args, { env });
      const line = lineOf(fixture('esm/lib.mjs'), 'counter[index] += 1');
      expect(r.races.length).toBeGreaterThanOrEqual(1);
      for (const race of r.races) {
        expect(raceLines(race)).toEqual([line, line]);
        expect(race.access.site?.file).toBe(fixture('esm/lib.mjs'));
        expect(race.previous.stack.length).toBeGreaterThan(1);
      }
      expect(r.stdout).toBe('counter true\n');
      expect(r.code).toBe(66);
    });
  }

  it('treats .js in a "type": "module" package as a module', async () => {
    const r = await runProcess(process.execPath, [CLI, 'run', fixture('esm/typed/main.js')], { env });
    expect(r.races.map((x) => raceLines(x).sort())).toEqual([[7, 9]]);
  });
});

describe('TypeScript through tsx', () => {
  it('reports .ts lines', async () => {
    const main = fixture('ts-app/main.ts');
    const r = await runProcess(process.execPath, [CLI, 'run', main], { env, cwd: ROOT });
    expect(r.races).toHaveLength(1);
    const sides = [r.races[0].access, r.races[0].previous];
    const mainSide = sides.find((s) => s.site?.file === main)!;
    expect(mainSide.site).toEqual({ file: main, line: lineOf(main, 'shared.cells[0] = 1;'), column: 3 });
    expect(sides.some((s) => s.site?.file === fixture('ts-app/worker.cjs'))).toBe(true);
  });
});
