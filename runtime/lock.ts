// A mutex in one Int32 word of shared memory, with a waiter count beside it.
//
// Invariants:
// - word == 0: free; otherwise (owner slot + 1).
// - Holders never call user code and never block on anything else while holding a lock,
//   so the only way a lock stays held is a thread terminated inside the critical section.
//   A waiter that has waited STEAL_AFTER_MS takes the lock over (one warning), so a
//   terminated worker can slow the program down but never hang it.
// - Lock order, outermost first: a shadow stripe or a sync row (word-lock.ts; never both,
//   and neither is held while reporting) -> report -> global; at most one of each is held.
import { A } from './intrinsics';
import { warnOnce } from './warn';

const STEAL_AFTER_MS = 2000;

export class SharedMutex {
  constructor(
    private readonly words: Int32Array,
    private readonly index: number,
    private readonly waitersIndex: number,
  ) {}

  lock(owner: number): void {
    const { words, index } = this;
    const me = owner + 1;
    if (A.compareExchange(words, index, 0, me) === 0) return;
    for (let spin = 0; spin < 200; spin++) {
      if (A.load(words, index) === 0 && A.compareExchange(words, index, 0, me) === 0) return;
    }
    A.add(words, this.waitersIndex, 1);
    const start = Date.now();
    try {
      for (;;) {
        const seen = A.load(words, index);
        if (seen === 0) {
          if (A.compareExchange(words, index, 0, me) === 0) return;
          continue;
        }
        A.wait(words, index, seen, 5);
        if (Date.now() - start > STEAL_AFTER_MS) {
          warnOnce('stolen-lock', 'a thread stopped while holding an internal lock; jsrace took it over (reports may be incomplete)');
          A.store(words, index, me);
          return;
        }
      }
    } finally {
      A.add(words, this.waitersIndex, -1);
    }
  }

  unlock(): void {
    A.store(this.words, this.index, 0);
    if (A.load(this.words, this.waitersIndex) > 0) A.notify(this.words, this.index, 1);
  }
}
