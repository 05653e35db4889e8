// A spin lock in one Int32 word of shared memory: the shadow stripes (shadow.ts) and the
// sync rows (sync.ts) are each guarded by one.
//
// Invariants:
// - word == 0: free; 1: held.
// - Holders never call user code, never block and never take another word lock, so a word
//   is held for microseconds unless its holder was descheduled or terminated. A waiter
//   spins, then naps; one held for STEAL_AFTER_MS belongs to a terminated thread and is
//   taken over (one warning), so a terminated worker can slow the program, never hang it.
import { A } from './intrinsics';
import { warnOnce } from './warn';

const STEAL_AFTER_MS = 2000;

export function lockWord(words: Int32Array, i: number): void {
  if (A.compareExchange(words, i, 0, 1) !== 0) waitForWord(words, i);
}

export function unlockWord(words: Int32Array, i: number): void {
  A.store(words, i, 0);
}

function waitForWord(words: Int32Array, i: number): void {
  for (let spins = 0; spins < 2000; spins++) {
    if (A.load(words, i) === 0 && A.compareExchange(words, i, 0, 1) === 0) return;
  }
  const start = Date.now();
  for (;;) {
    A.wait(words, i, 1, 1);
    if (A.compareExchange(words, i, 0, 1) === 0) return;
    if (Date.now() - start > STEAL_AFTER_MS) {
      warnOnce('stolen-stripe', 'a thread stopped while holding a shadow lock; jsrace took it over (reports may be incomplete)');
      A.store(words, i, 1);
      return;
    }
  }
}
