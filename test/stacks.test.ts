// Full stacks on both sides of a report: the current one from V8, the previous one rebuilt
// from its thread's history, both in the user's own lines.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { JsonFrame, ROOT, runNode } from './helpers';

const fixture = (name: string) => path.join(ROOT, 'test', 'fixtures', name);
const short = (frames: JsonFrame[]) => frames.map((f) => `${f.function}:${f.line}:${f.column}`);

describe('stacks', () => {
  it('shows all three calls on both sides, innermost first, at the lines of the calls', async () => {
    const r = await runNode(fixture('deep-stacks.js'));
    expect(r.races).toHaveLength(1);
    const expected = ['store:6:3', 'update:10:3', 'work:14:3', '<top-level>:22:3'];
    expect(short(r.races[0].access.stack)).toEqual(expected);
    expect(short(r.races[0].previous.stack)).toEqual(expected);
    expect(r.races[0].previous.stack.every((f) => f.file === fixture('deep-stacks.js'))).toBe(true);
  });

  it('shows an await continuation as its own function on both sides', async () => {
    const r = await runNode(fixture('async-stacks.js'));
    expect(r.races).toHaveLength(1);
    expect(short(r.races[0].access.stack)).toEqual(['write:7:3', 'job:12:3']);
    expect(short(r.races[0].previous.stack)).toEqual(['write:7:3', 'job:12:3']);
  });

  it('shows a `for await` continuation as its own function on both sides', async () => {
    const r = await runNode(fixture('async-stacks.js'), { args: ['for-await'] });
    expect(r.races).toHaveLength(1);
    expect(short(r.races[0].access.stack)).toEqual(['write:7:3', 'loop:22:5']);
    expect(short(r.races[0].previous.stack)).toEqual(['write:7:3', 'loop:22:5']);
  });

  // A rejection skips the rest of the await's expression: the catch must still know that
  // the function goes on from a microtask.
  for (const [shape, frame] of [['rejected', 'rejected:31:5'], ['for-await-rejected', 'loopRejected:44:5']]) {
    it(`shows a catch after an awaited rejection as its own function: ${shape}`, async () => {
      const r = await runNode(fixture('async-stacks.js'), { args: [shape] });
      expect(r.races).toHaveLength(1);
      expect(short(r.races[0].access.stack)).toEqual(['write:7:3', frame]);
      expect(short(r.races[0].previous.stack)).toEqual(['write:7:3', frame]);
    });
  }

  // The innermost frames of each shape, the same on both sides (the top-level call follows).
  const shapes: Record<string, string[]> = {
    caught: ['caught:21:7'],
    nested: ['store:12:28', 'nested:26:5'],
    chained: ['put:8:12', 'chained:30:29'],
    argument: ['argument:34:14'],
    method: ['method:38:11'],
  };
  for (const [shape, frames] of Object.entries(shapes)) {
    it(`rebuilds the stack V8 shows for a call shape: ${shape}`, async () => {
      const r = await runNode(fixture('call-shapes.js'), { args: [shape] });
      expect(r.races).toHaveLength(1);
      const expected = [...frames, '<top-level>:48:3'];
      expect(short(r.races[0].access.stack)).toEqual(expected);
      expect(short(r.races[0].previous.stack)).toEqual(expected);
    });
  }

  it('restores the earlier stack with the default history', async () => {
    const r = await runNode(fixture('history-overrun.js'));
    expect(r.races).toHaveLength(1);
    expect(short(r.races[0].previous.stack)).toEqual(['store:7:3', 'update:10:3', 'work:13:3', '<top-level>:24:3']);
  });

  it('says so when a tiny history has lost it, and still names the access', async () => {
    const json = await runNode(fixture('history-overrun.js'), { options: 'format=json history_size=0' });
    expect(json.races).toHaveLength(1);
    expect(json.races[0].previous.stack).toEqual([]);
    expect(json.races[0].previous.site).toEqual({ file: fixture('history-overrun.js'), line: 7, column: 3 });
    const text = await runNode(fixture('history-overrun.js'), { options: 'history_size=0' });
    expect(text.stderr).toMatch(/Previous write at 0x[0-9a-f]{12} by worker \d+:\n {2}store\(\)\n {6}\S+history-overrun\.js:7:3\n {2}\[failed to restore the stack\]\n/);
  });

  it('restores a stack from a part snapshot once the ring has wrapped, frames that left no access skipped', async () => {
    const r = await runNode(fixture('history-wrapped.js'), { options: 'format=json history_size=0' });
    expect(r.races).toHaveLength(1);
    expect(short(r.races[0].previous.stack)).toEqual(['store:9:3', 'update:12:3', 'outer:27:3', '<top-level>:35:3']);
  });

  it("says so, naming no line, when the earlier thread's site table has lost the access", async () => {
    const json = await runNode(fixture('site-table-overrun.js'), { options: 'format=json history_size=0' });
    expect(json.races).toHaveLength(1);
    expect(short(json.races[0].access.stack)[0]).toBe('store:8:3');
    expect(json.races[0].previous.site).toBeUndefined();
    expect(json.races[0].previous.stack).toEqual([]);
    const text = await runNode(fixture('site-table-overrun.js'), { options: 'history_size=0' });
    expect(text.stderr).toMatch(/Previous write at 0x[0-9a-f]{12} by worker \d+:\n {2}\[failed to restore the stack\]\n/);
  });
});

describe('TypeScript compiled by tsc', () => {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

  for (const mapOption of ['--sourceMap', '--inlineSourceMap']) {
    it(`reports .ts lines on both sides (${mapOption})`, async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-ts-'));
      const source = fixture('ts/app.ts');
      execFileSync(process.execPath, [tsc, source, '--outDir', out, mapOption, '--module', 'commonjs', '--target', 'es2022',
        '--types', 'node', '--typeRoots', path.join(ROOT, 'node_modules', '@types'), '--skipLibCheck'], { stdio: 'pipe' });
      const r = await runNode(path.join(out, 'app.js'));
      expect(r.races).toHaveLength(1);
      const expected = ['store:13:3', 'update:17:3', 'work:21:3', '<top-level>:29:3'];
      for (const side of [r.races[0].access, r.races[0].previous]) {
        expect(short(side.stack)).toEqual(expected);
        expect(side.stack.every((f) => f.file === source)).toBe(true);
        expect(side.site).toEqual({ file: source, line: 13, column: 3 });
      }
      // Creation stacks are kept unmapped and mapped by the reporting thread, a worker
      // that did not create the buffer or the workers (tsc's lines are 9 less).
      expect(short(r.races[0].buffer.createdAt)).toEqual(['<top-level>:25:32']);
      expect(r.races[0].buffer.createdAt[0].file).toBe(source);
      const created = r.races[0].threads.map((t: { createdAt: JsonFrame[] }) => short(t.createdAt)).sort();
      expect(created).toEqual([['<top-level>:26:3'], ['<top-level>:27:3']]);
    });
  }
});
