// End to end: real `node` processes with real workers, under `--require jsrace/register`
// or the `jsrace` CLI, checked through their JSON or text reports and exit status.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { CLI, REGISTER, ROOT, raceLines, runNode, runProcess } from './helpers';

const fixture = (name: string) => path.join(ROOT, 'test', 'fixtures', name);
const example = (name: string) => path.join(ROOT, 'examples', name);
const lineOf = (file: string, text: string) => fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

describe('examples', () => {
  it('reports the racy counter with both lines, and exits 66', async () => {
    const file = example('counter/racy.js');
    const r = await runNode(file);
    expect(r.races).toHaveLength(1);
    const line = lineOf(file, 'counter[0]++');
    expect(raceLines(r.races[0])).toEqual([line, line]);
    expect(r.races[0].access.thread.name).toMatch(/^worker \d+$/);
    expect(r.summary).toEqual({ type: 'summary', races: 1 });
    expect(r.code).toBe(66);
  });

  it('is silent on the fixed counter, which prints what it prints without jsrace', async () => {
    const file = example('counter/fixed.js');
    const [checked, plain] = await Promise.all([runNode(file), runNode(file, { jsrace: false })]);
    expect(checked.races).toEqual([]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toBe(plain.stdout);
    expect(checked.stdout).toContain('counter = 200000');
  });

  it('reports the order cache race between lookup and record in Go layout', async () => {
    const r = await runProcess(process.execPath, [CLI, 'run', example('order-cache/racy.js')], { env: { ...process.env, JSRACE_OPTIONS: '' } });
    expect(r.code).toBe(66);
    const map = example('order-cache/order-map.js');
    const reads = [lineOf(map, 'const id = this.slots[2 * i];'), lineOf(map, 'this.slots[2 * this.find(orderId)] === orderId')];
    const writes = [lineOf(map, 'this.slots[2 * i] = orderId;'), lineOf(map, 'this.slots[2 * i + 1] += cents;')];
    const text = r.stderr;
    expect(text).toMatch(/^==================\nWARNING: DATA RACE\n(Read|Write) at 0x[0-9a-f]{12} by worker \d+:\n {2}\S+\(\)\n {6}\S+order-map\.js:\d+:\d+\n/m);
    expect(text).toMatch(/\nPrevious (read|write) at 0x[0-9a-f]{12} by worker \d+:\n/);
    expect(text).toMatch(/\nWorker \d+ \((running|finished)\) created at:\n {2}main\(\)\n {6}\S+racy\.js:\d+:\d+\n/);
    expect(text).toMatch(/\nLocation is SharedArrayBuffer #\d+ of 512 bytes, byte \d+ \(Int32Array index \d+\), created at:\n {2}main\(\)\n/);
    expect(text).toMatch(/==================\nFound \d+ data race\(s\)\n/);
    const named = [...text.matchAll(/order-map\.js:(\d+):\d+/g)].map((m) => Number(m[1]));
    expect(named.some((l) => writes.includes(l))).toBe(true);
    expect(named.every((l) => reads.includes(l) || writes.includes(l) || l === lineOf(map, 'const i = this.find(orderId);'))).toBe(true);
  });

  it('is silent on the mutex-protected order cache', async () => {
    const file = example('order-cache/fixed.js');
    const [checked, plain] = await Promise.all([runNode(file), runNode(file, { jsrace: false })]);
    expect(checked.races).toEqual([]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toBe(plain.stdout);
  });
});

describe('programs compute what they compute without jsrace', () => {
  it('prints the same output for every access form', async () => {
    const file = fixture('semantics.js');
    const [checked, plain] = await Promise.all([runNode(file), runNode(file, { jsrace: false })]);
    expect(checked.races).toEqual([]);
    expect(checked.stdout).toBe(plain.stdout);
    expect(checked.stdout.length).toBeGreaterThan(100);
    expect(checked.code).toBe(0);
  });
});

describe('the access path', () => {
  // Under --single-threaded: with background compiles, when a function reaches its top tier
  // varies from run to run, and a lower tier boxes doubles of its own.
  async function collections(n: number): Promise<number> {
    const r = await runNode(fixture('no-allocation.js'), { nodeArgs: ['--single-threaded', '--trace-gc'], args: [String(n)], timeoutMs: 60000 });
    expect(r.code).toBe(0);
    return (r.stdout.match(/Scavenge|Mark-Compact|Mark-sweep/g) ?? []).length;
  }

  it('allocates nothing: ten times the checked accesses, no more garbage collections', async () => {
    const few = await collections(200_000);
    const many = await collections(2_000_000);
    expect(many - few).toBeLessThanOrEqual(1);
  });
});

describe("Node's own traffic between threads", () => {
  it('passes worker stdio, process.cwd() and messages of every shape untouched', async () => {
    const file = fixture('worker-io.js');
    const [checked, plain] = await Promise.all([runNode(file), runNode(file, { jsrace: false })]);
    expect(checked.races).toEqual([]);
    expect(checked.stdout).toBe(plain.stdout);
    expect(checked.stdout).toContain('exit 0 42');
    expect(checked.code).toBe(0);
  });
});

describe('workers jsrace must reach', () => {
  it('covers a worker started with empty execArgv and env', async () => {
    const r = await runNode(fixture('reset-exec-argv.js'));
    expect(r.races.map(raceLines)).toEqual([[8, 6]]);
  });

  it('covers a worker whose execArgv holds a non-option', async () => {
    const r = await runNode(fixture('exec-argv-nonoption.js'));
    expect(r.stdout).toBe('main got worker object\n');
    expect(r.races.map(raceLines)).toEqual([[13, 9]]);
  });

  it('starts workers when node was given V8 flags and the register by another path', async () => {
    // Node refuses V8 flags in a worker's execArgv; an execArgv built from the main
    // thread's must leave them out, as Node does when a worker inherits them.
    const file = example('counter/racy.js');
    const relative = path.relative(ROOT, path.join(ROOT, 'dist', 'src', 'register.js'));
    const link = fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-link-'));
    fs.symlinkSync(path.join(ROOT, 'dist', 'src'), path.join(link, 'src'));
    try {
      for (const register of [`./${relative}`, path.join(link, 'src', 'register.js')]) {
        const r = await runProcess(process.execPath, ['--expose-gc', '--stack-size=900', '--require', register, file],
          { cwd: ROOT, env: { ...process.env, JSRACE_OPTIONS: 'format=json' } });
        expect(r.stderr, register).not.toContain('ERR_WORKER_INVALID_EXEC_ARGV');
        expect(r.stdout, register).toMatch(/^counter = \d+ \(expected 200000\)\n$/); // the racy count varies
        expect(r.races.map(raceLines), register).toHaveLength(1);
        expect(r.code, register).toBe(66);
      }
    } finally {
      fs.rmSync(link, { recursive: true, force: true });
    }
  });

  it('boots a worker from the modules its creator loaded, not from disk', async () => {
    // A copy of jsrace whose runtime (bundled into src/boot.js) and instrumenter the fixture
    // deletes once its main thread runs. register.js and module-pack.js stay: a worker loads
    // them from disk to receive the pack.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-pack-'));
    try {
      for (const dir of ['src', 'runtime', 'instrument']) fs.cpSync(path.join(ROOT, 'dist', dir), path.join(copy, 'dist', dir), { recursive: true });
      fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(copy, 'package.json'));
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
      const file = fixture('pack-worker.js');
      const gone = [path.join(copy, 'dist', 'src', 'boot.js'), path.join(copy, 'dist', 'runtime'), path.join(copy, 'dist', 'instrument')];
      const r = await runProcess(process.execPath, ['--require', path.join(copy, 'dist', 'src', 'register.js'), file, ...gone],
        { env: { ...process.env, JSRACE_OPTIONS: 'format=json' } });
      for (const p of gone) expect(fs.existsSync(p), p).toBe(false);
      expect(r.stdout).toBe('worker exited 0\n');
      expect(r.races.map((x) => raceLines(x).sort((a, b) => a - b))).toEqual([[lineOf(file, "main's increment"), lineOf(file, "the worker's increment")]]);
      expect(r.code).toBe(66);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('loads one copy of the runtime in each thread, loader threads included', async () => {
    // The runtime and the src/ modules it uses are bundled into src/boot.js: a thread that
    // loaded one of their own files as well would hold a second copy, with its own state.
    const dist = path.join(ROOT, 'dist');
    const file = fixture('runtime-copies.js');
    const probe = ['--import', fixture('loader-probe.mjs')];
    const entry = [path.join('src', 'boot.js'), path.join('src', 'module-pack.js'), path.join('src', 'register.js')];
    const mjs = path.join(ROOT, 'src', 'register.mjs');
    for (const preload of [['--require', REGISTER], ['--import', mjs], ['--require', REGISTER, '--import', mjs]]) {
      const how = preload.join(' ');
      const r = await runProcess(process.execPath, [...preload, ...probe, file, dist], { env: { ...process.env, JSRACE_OPTIONS: '', JSRACE_DIST: dist } });
      expect(r.code, how).toBe(0);
      const { main, worker } = JSON.parse(r.stdout) as { main: string[]; worker: string[] };
      const ours = (loaded: string[]) => loaded.filter((f) => !f.startsWith(`instrument${path.sep}`));
      expect(ours(main), how).toEqual(entry);
      expect(ours(worker), how).toEqual(entry);
      // Loader threads that booted the runtime (the workers' always do: they get both preloads).
      const loaders = [...r.stderr.matchAll(/^loader thread: (.*)$/gm)].map((m) => JSON.parse(m[1]) as string[]);
      const booted = loaders.filter((loaded) => loaded.includes(entry[0]));
      const esm = preload.includes('--import');
      expect(booted.length, how).toBeGreaterThanOrEqual(1); // the probe's own hooks make one
      for (const loaded of booted) expect(ours(loaded), how).toEqual(esm ? [...entry, path.join('src', 'esm-hooks.js')].sort() : entry);
    }
  });

  it('covers eval workers', async () => {
    const r = await runNode(fixture('eval-worker.js'));
    expect(r.races).toHaveLength(1);
    expect(r.races[0].access.site).toMatchObject({ file: '[worker eval]', line: 1 });
    expect(r.races[0].previous.site).toMatchObject({ line: 6 });
  });
});

describe('options', () => {
  it('rejects an unknown key before the program runs', async () => {
    const r = await runNode(fixture('args-and-exit.js'), { options: 'colour=red', args: ['0'] });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option "colour"');
    expect(r.stdout).toBe('');
    const bad = await runNode(fixture('args-and-exit.js'), { options: 'exitcode=many', args: ['0'] });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('exitcode: expected an integer');
  });

  it('uses exitcode, and keeps a failing program\'s own status', async () => {
    expect((await runNode(example('counter/racy.js'), { options: 'exitcode=3' })).code).toBe(3);
    const clean = await runNode(fixture('args-and-exit.js'), { options: 'exitcode=3', args: ['5'] });
    expect(clean.code).toBe(5);
  });

  it('reports each pair of sites once, and stops at the first with halt_on_error', async () => {
    const all = await runNode(fixture('two-races.js'));
    expect(all.races.map(raceLines).sort()).toEqual([[8, 8], [9, 9]]);
    const halted = await runNode(fixture('two-races.js'), { options: 'format=json halt_on_error=1' });
    expect(halted.races).toHaveLength(1);
    expect(halted.code).toBe(66);
  });

  it('writes to log_path.<pid> and strips path prefixes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-log-'));
    const r = await runNode(example('counter/racy.js'), { options: `log_path=${dir}/report strip_path_prefix=${ROOT}/` });
    expect(r.stderr).not.toContain('DATA RACE');
    const [file] = fs.readdirSync(dir);
    expect(file).toMatch(/^report\.\d+$/);
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    expect(text).toContain('WARNING: DATA RACE');
    expect(text).toContain('\n      examples/counter/racy.js:6:35\n');
    expect(text).not.toContain(ROOT);
    expect(text).toContain('Found 1 data race(s)');
  });

  it('suppresses races whose stacks match a suppressions file, and only those', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-supp-'));
    const file = path.join(dir, 'supp.txt');
    fs.writeFileSync(file, '# the counter is known to race\nrace:increment\n');
    const quiet = await runNode(example('counter/racy.js'), { options: `format=json suppressions=${file}` });
    expect(quiet.races).toEqual([]);
    expect(quiet.code).toBe(0);
    fs.writeFileSync(file, 'race:*/order-map.js:32\n');
    const other = await runNode(example('counter/racy.js'), { options: `format=json suppressions=${file}` });
    expect(other.races).toHaveLength(1);
  });

  it('names a file it cannot parse, with line and column', async () => {
    const r = await runNode(fixture('syntax-error.js'));
    expect(r.stderr).toContain(`jsrace: cannot instrument ${fixture('syntax-error.js')}:1:10: Unexpected token`);
  });
});

describe('config files', () => {
  function app(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-config-'));
    fs.copyFileSync(example('counter/racy.js'), path.join(dir, 'app.js'));
    fs.mkdirSync(path.join(dir, 'vendor'));
    fs.writeFileSync(path.join(dir, 'vendor', 'racy.js'), fs.readFileSync(example('counter/racy.js')));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }
  const run = (dir: string, file = 'app.js', options = '') =>
    runProcess(process.execPath, [CLI, 'run', file], { cwd: dir, env: { ...process.env, JSRACE_OPTIONS: options } });

  it('reads jsrace.config.json, and the environment wins over it', async () => {
    const dir = app({ 'jsrace.config.json': JSON.stringify({ format: 'json', exitcode: 9 }) });
    const fromFile = await run(dir);
    expect(fromFile.races).toHaveLength(1);
    expect(fromFile.code).toBe(9);
    const overridden = await run(dir, 'app.js', 'exitcode=4 format=text');
    expect(overridden.races).toHaveLength(0);
    expect(overridden.stderr).toContain('WARNING: DATA RACE');
    expect(overridden.code).toBe(4);
  });

  it('reads a "jsrace" key in package.json and jsrace.config.mjs', async () => {
    const pkg = await run(app({ 'package.json': JSON.stringify({ name: 'app', jsrace: { exitcode: 7 } }) }));
    expect(pkg.code).toBe(7);
    const mjs = await run(app({ 'jsrace.config.mjs': 'export default {\n  format: "json",\n};\n' }));
    expect(mjs.races).toHaveLength(1);
  });

  it('excludes files by glob', async () => {
    const dir = app({ 'jsrace.config.json': JSON.stringify({ format: 'json', exclude: ['**/vendor/*.js'] }) });
    expect((await run(dir, 'vendor/racy.js')).races).toHaveLength(0);
    expect((await run(dir, 'app.js')).races).toHaveLength(1);
  });

  it('names the file and the key of a bad option', async () => {
    const dir = app({ 'jsrace.config.json': JSON.stringify({ colour: 'red' }) });
    const r = await run(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${fs.realpathSync(dir)}/jsrace.config.json: unknown option "colour"`);
  });
});

describe('the Babel plugin (jsrace/babel)', () => {
  it('instruments in any Babel pipeline; the output reports with the runtime loaded', async () => {
    const babel = await import('@babel/core');
    const source = example('counter/racy.js');
    const out = babel.transformSync(fs.readFileSync(source, 'utf8'), {
      filename: source, babelrc: false, configFile: false, retainLines: true,
      plugins: [path.join(ROOT, 'dist', 'instrument', 'plugin.js')],
    })!.code!;
    expect(out).toContain('jsrace:instrumented');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-babel-'));
    fs.writeFileSync(path.join(dir, 'racy.js'), out);
    const r = await runNode(path.join(dir, 'racy.js'));
    expect(r.races).toHaveLength(1);
    expect(r.races[0].access.site).toMatchObject({ file: source, line: lineOf(source, 'counter[0]++') });
  });
});

describe('the jsrace command', () => {
  it('prints its version and help', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await runProcess(process.execPath, [CLI, '--version'])).stdout.trim()).toBe(pkg.version);
    const help = await runProcess(process.execPath, [CLI, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('jsrace run <script>');
  });

  it('forwards arguments and exit status', async () => {
    const r = await runProcess(process.execPath, [CLI, 'run', fixture('args-and-exit.js'), '7', '--flag', 'x y']);
    expect(r.stdout.trim()).toBe(JSON.stringify(['7', '--flag', 'x y']));
    expect(r.code).toBe(7);
  });
});

describe('installed from a path into another project', () => {
  it('works with node --require jsrace/register, node --import jsrace/register and npx jsrace run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-app-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ROOT], { cwd: dir, stdio: 'pipe' });
    fs.copyFileSync(example('counter/racy.js'), path.join(dir, 'app.js'));
    const env = { ...process.env, JSRACE_OPTIONS: 'format=json' };
    const viaRequire = await runProcess(process.execPath, ['--require', 'jsrace/register', 'app.js'], { cwd: dir, env });
    expect(viaRequire.races).toHaveLength(1);
    expect(viaRequire.races[0].access.site?.file).toBe(path.join(fs.realpathSync(dir), 'app.js'));
    expect(viaRequire.code).toBe(66);
    const viaNpx = await runProcess('npx', ['--no-install', 'jsrace', 'run', 'app.js'], { cwd: dir, env });
    expect(viaNpx.races).toHaveLength(1);
    expect(viaNpx.code).toBe(66);
    for (const f of ['app.mjs', 'lib.mjs', 'worker.mjs']) fs.copyFileSync(fixture(`esm/${f}`), path.join(dir, f));
    const babel = await import('@babel/core');
    const viaBabel = babel.transformSync('const a = new Int32Array(new SharedArrayBuffer(4)); a[0]++;', {
      cwd: dir, filename: path.join(dir, 'x.js'), babelrc: false, configFile: false, plugins: ['module:jsrace/babel'], // as the README says
    })!.code!;
    expect(viaBabel).toContain('jsrace:instrumented');
    const viaImport = await runProcess(process.execPath, ['--import', 'jsrace/register', 'app.mjs'], { cwd: dir, env });
    expect(viaImport.races.length).toBeGreaterThanOrEqual(1);
    expect(viaImport.races[0].access.site?.file).toBe(path.join(fs.realpathSync(dir), 'lib.mjs'));
  });
});
