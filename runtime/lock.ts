// The two process-wide mutexes (global and report), each one word of the world's header,
// locked the same way as the stripes and rows (word-lock.ts): spin briefly, sleep until
// the holder's unlock wakes the sleeper, take a word held for seconds over.
//
// Invariants:
// - Holders never call user code and never block on anything else while holding a lock,
//   so the only way a lock stays held is a thread terminated inside the critical section.
// - Lock order, outermost first: a shadow stripe or a sync row (word-lock.ts; never both,
//   and neither is held while reporting) -> report -> global; at most one of each is held.
//   One exception: a granule's first atomic location passes through the granule's stripe
//   under the global lock (sync.ts joinGranule), which cannot deadlock, since a stripe's
//   holder takes no other lock.
import { lockWord, unlockWord } from './word-lock';

export class SharedMutex {
  constructor(
    private readonly words: Int32Array,
    private readonly index: number,
  ) {}

  lock(): void {
    lockWord(this.words, this.index);
  }

  unlock(): void {
    unlockWord(this.words, this.index);
  }
}
