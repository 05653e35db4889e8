// `jsrace build`: an instrumented copy that reports under plain node exactly what `jsrace run`
// reports on the sources; parse errors, the cache, TypeScript maps, workers from built files.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, raceLines, runNode, runProcess } from './helpers';
import { listCases, runCorpus } from './corpus/run';

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `jsrace-build-${prefix}-`));
const build = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runProcess(process.execPath, [CLI, 'build', ...args], { env: { ...process.env, ...env } });

describe('jsrace build', () => {
  it('builds the corpus; every built case reports, under plain node, what its labels say', async () => {
    const out = tmp('corpus');
    const r = await build([path.join(ROOT, 'test', 'corpus'), '--out-dir', out], { JSRACE_CACHE_DIR: tmp('cache') });
    expect(r.stderr).toMatch(/jsrace build: \d+ files: \d+ instrumented, 0 from cache, \d+ copied, 0 failed/);
    const results = await runCorpus(listCases(), undefined, out);
    const failed = results.filter((c) => !c.pass).map((c) => `${c.name}: ${c.reason.split('\n')[0]}`);
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThan(150);
  }, 300000);

  it('builds the examples; the built racy counter reports the same lines with plain node', async () => {
    const out = tmp('examples');
    expect((await build([path.join(ROOT, 'examples'), '--out-dir', out])).code).toBe(0);
    const [built, source] = await Promise.all([
      runNode(path.join(out, 'counter', 'racy.js'), { jsrace: false, env: { JSRACE_OPTIONS: 'format=json' } }),
      runNode(path.join(ROOT, 'examples', 'counter', 'racy.js')),
    ]);
    expect(built.races.map(raceLines)).toEqual(source.races.map(raceLines));
    expect(built.races[0].access.stack).toEqual(source.races[0].access.stack);
    expect(built.code).toBe(66);
    const fixed = await runNode(path.join(out, 'counter', 'fixed.js'), { jsrace: false });
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toBe('');
  });

  it('builds ES modules that load the runtime themselves, workers included', async () => {
    const out = tmp('esm');
    expect((await build([path.join(ROOT, 'test', 'fixtures', 'esm'), '--out-dir', out, '--no-cache'])).code).toBe(0);
    const r = await runNode(path.join(out, 'app.mjs'), { jsrace: false, env: { JSRACE_OPTIONS: 'format=json' } });
    expect(r.races.length).toBeGreaterThanOrEqual(1);
    expect(r.races[0].access.site).toMatchObject({ file: path.join(ROOT, 'test', 'fixtures', 'esm', 'lib.mjs'), line: 2 });
    expect(r.stdout).toBe('counter true\n');
  });

  it('names a file that does not parse, builds the rest and leaves no output for it', async () => {
    const src = tmp('src');
    const out = tmp('out');
    fs.writeFileSync(path.join(src, 'good.js'), 'module.exports = [1][0];\n');
    fs.writeFileSync(path.join(src, 'bad.js'), 'const x = [;\n');
    fs.writeFileSync(path.join(src, 'notes.txt'), 'copied as is\n');
    const r = await build([src, '--out-dir', out, '--no-cache']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`jsrace build: cannot instrument ${path.join(src, 'bad.js')}:1:12: Unexpected token`);
    expect(r.stderr).toMatch(/3 files: 1 instrumented, 0 from cache, 1 copied, 1 failed/);
    expect(fs.readdirSync(out).sort()).toEqual(['good.js', 'good.js.map', 'notes.txt']);
  });

  it('rebuilds only what changed: a file, or the options', async () => {
    const src = tmp('src');
    const out = tmp('out');
    const cache = tmp('cache');
    for (const name of ['a.js', 'b.js']) fs.writeFileSync(path.join(src, name), `module.exports = [${name.length}][0];\n`);
    const env = { JSRACE_CACHE_DIR: cache };
    expect((await build([src, '--out-dir', out], env)).stderr).toMatch(/2 instrumented, 0 from cache/);
    expect((await build([src, '--out-dir', out], env)).stderr).toMatch(/0 instrumented, 2 from cache/);
    fs.writeFileSync(path.join(src, 'b.js'), 'module.exports = [7][0];\n');
    expect((await build([src, '--out-dir', out], env)).stderr).toMatch(/1 instrumented, 1 from cache/);
    expect((await build([src, '--out-dir', out], { ...env, JSRACE_HISTORY: '0' })).stderr).toMatch(/2 instrumented, 0 from cache/);
    expect((await build([src, '--out-dir', out, '--no-cache'], env)).stderr).toMatch(/2 instrumented, 0 from cache/);
  });

  it('keeps .ts lines of TypeScript compiled by tsc with source maps', async () => {
    const js = tmp('tsc');
    const out = tmp('out');
    const source = path.join(ROOT, 'test', 'fixtures', 'ts', 'app.ts');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), source, '--outDir', js, '--sourceMap',
      '--module', 'commonjs', '--target', 'es2022', '--types', 'node', '--typeRoots', path.join(ROOT, 'node_modules', '@types'), '--skipLibCheck'], { stdio: 'pipe' });
    expect((await build([js, '--out-dir', out, '--no-cache'])).code).toBe(0);
    const r = await runNode(path.join(out, 'app.js'), { jsrace: false, env: { JSRACE_OPTIONS: 'format=json' } });
    expect(r.races).toHaveLength(1);
    for (const side of [r.races[0].access, r.races[0].previous]) {
      expect(side.site).toEqual({ file: source, line: 13, column: 3 });
      expect(side.stack.map((f) => `${f.function}:${f.line}`)).toEqual(['store:13', 'update:17', 'work:21', '<top-level>:29']);
    }
  });
});
