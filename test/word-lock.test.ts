// The word locks that guard shadow stripes and sync rows, between real threads: workers
// load the built module (dist/), the test thread the source; both work on one shared word.
import * as path from 'path';
import { Worker } from 'worker_threads';
import { describe, expect, it } from 'vitest';
import { SHORT_NAP_MS, lockWord, unlockWord, unlockWordUnfenced } from '../runtime/word-lock';
import { ROOT } from './helpers';

const BUILT = path.join(ROOT, 'dist', 'runtime', 'word-lock.js');
const FREE = 0;
const CONTENDED = 2;

function worker(source: string, data: unknown): Worker {
  return new Worker(`const { SHORT_NAP_MS, lockWord, unlockWord, unlockWordUnfenced } = require(${JSON.stringify(BUILT)});\n${source}`, { eval: true, workerData: data });
}

function exited(w: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    w.on('error', reject);
    w.on('exit', resolve);
  });
}

// Each unlock with the nap its words are locked with: unfenced words nap briefly, since
// their unlock may miss a sleeper (word-lock.ts).
describe.each([
  ['unlockWord', 'lockWord(words, 0)', 'unlockWord(words, 0)'],
  ['unlockWordUnfenced', 'lockWord(words, 0, SHORT_NAP_MS)', 'unlockWordUnfenced(words, 0)'],
])('word locks released by %s', (_, lock, unlock) => {
  it('let one thread at a time through: no increment made under the lock is lost', async () => {
    const words = new Int32Array(new SharedArrayBuffer(8)); // [lock, counter]
    const ROUNDS = 20000;
    // Read, dawdle, write back: without the lock, two threads interleave and lose counts.
    const body = `
      const { workerData } = require('worker_threads');
      const words = workerData;
      for (let r = 0; r < ${ROUNDS}; r++) {
        ${lock};
        const seen = words[1];
        for (let k = 0; k < 20; k++) Atomics.load(words, 1);
        words[1] = seen + 1;
        ${unlock};
      }`;
    const workers = [worker(body, words), worker(body, words), worker(body, words)];
    expect(await Promise.all(workers.map(exited))).toEqual([0, 0, 0]);
    expect(words[1]).toBe(3 * ROUNDS);
    expect(words[0]).toBe(FREE);
  });

  it('put a waiter to sleep on a contended word, and the unlock hands the word over', async () => {
    const words = new Int32Array(new SharedArrayBuffer(8)); // [lock, worker holds it]
    lockWord(words, 0);
    const w = worker(`
      const { workerData } = require('worker_threads');
      const words = workerData;
      ${lock};
      Atomics.store(words, 1, 1);
      ${unlock};`, words);
    const done = exited(w);
    // The waiter spins briefly, then marks the word contended and sleeps on it.
    for (let i = 0; i < 1000 && Atomics.load(words, 0) !== CONTENDED; i++) Atomics.wait(words, 1, 0, 10);
    expect(Atomics.load(words, 0)).toBe(CONTENDED);
    expect(Atomics.load(words, 1)).toBe(0); // still ours
    // A word marked contended is unlocked with the exchange and the wake-up either way.
    if (unlock.startsWith('unlockWordUnfenced')) unlockWordUnfenced(words, 0);
    else unlockWord(words, 0);
    expect(await done).toBe(0);
    expect(Atomics.load(words, 1)).toBe(1);
    expect(Atomics.load(words, 0)).toBe(FREE);
  });
});
