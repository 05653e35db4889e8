// A spin lock in one Int32 word of shared memory: the shadow stripes (shadow.ts), the
// sync rows (sync.ts) and the global and report mutexes (lock.ts) are each one.
//
// Invariants:
// - word == FREE, HELD, or CONTENDED (held, and someone may be asleep on the word): only a
//   waiter turns a word CONTENDED, and the unlock that finds it so wakes one sleeper. A
//   sleeper is therefore woken as soon as the word is free, not at the end of a nap; with
//   more busy threads than cores the holder is often descheduled, and a nap then cost a
//   whole millisecond per contended lock.
// - A word may be unlocked without a fence (unlockWordUnfenced: sync rows and shadow
//   stripes on x86), by a plain store when no waiter has marked it CONTENDED. A waiter that
//   marks it between that load and store is not woken and sleeps out its nap, so such words
//   are locked with SHORT_NAP_MS: a lost wake-up costs at most that, never a hang.
// - Holders never call user code and never block, and take other words only in the order
//   lock.ts gives, so a stripe or row is held for microseconds (the mutexes for as long as
//   a report takes) unless its holder was descheduled or terminated. A waiter
//   spins briefly, then sleeps; one held for STEAL_AFTER_MS belongs to a terminated thread
//   and is taken over (one warning), so a terminated worker can slow the program, never
//   hang it.
import { A, TSO } from './intrinsics';
import { warnOnce } from './warn';

const FREE = 0;
const HELD = 1;
const CONTENDED = 2;

const SPINS = 200;
const STEAL_AFTER_MS = 2000;
// A sleeper wakes by itself this often, to notice a holder that was terminated.
const NAP_MS = 50;
// The nap of words unlocked without a fence, whose unlock may miss a sleeper.
export const SHORT_NAP_MS = 1;

export function lockWord(words: Int32Array, i: number, napMs: number = NAP_MS): void {
  if (A.compareExchange(words, i, FREE, HELD) !== FREE) waitForWord(words, i, napMs);
}

/** Unlocks with a full fence (a locked exchange), waking a sleeper if there is one. */
export function unlockWord(words: Int32Array, i: number): void {
  if (A.exchange(words, i, FREE) === CONTENDED) A.notify(words, i, 1);
}

/**
 * Unlocks a word locked with SHORT_NAP_MS when the unlock need not be a fence: on x86 a
 * plain store (stores stay in order, so the critical section's stores are seen first),
 * saving an Atomics call of about 110 instructions per lock.
 */
export function unlockWordUnfenced(words: Int32Array, i: number): void {
  if (TSO && words[i] === HELD) words[i] = FREE;
  else unlockWord(words, i);
}

function waitForWord(words: Int32Array, i: number, napMs: number): void {
  for (let spins = 0; spins < SPINS; spins++) {
    if (A.load(words, i) === FREE && A.compareExchange(words, i, FREE, HELD) === FREE) return;
  }
  // From here on the word is taken as CONTENDED: it may have other sleepers, whom our
  // unlock must wake.
  const start = Date.now();
  while (A.exchange(words, i, CONTENDED) !== FREE) {
    A.wait(words, i, CONTENDED, napMs);
    if (Date.now() - start > STEAL_AFTER_MS) {
      warnOnce('stolen-lock', 'a thread stopped while holding an internal lock; jsrace took it over (reports may be incomplete)');
      A.store(words, i, CONTENDED);
      return;
    }
  }
}
