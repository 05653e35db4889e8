// Call sites of intercepted methods. Instrumented code writes `R.at(obj, site).method(...)`;
// the method's wrapper asks for the site of the call made on its receiver. Entries form a
// small stack because arguments may hold calls of their own (`a.set(b.slice(1))`), and a
// call on a method jsrace does not intercept leaves its entry behind: the wrapper takes the
// newest entry for its own receiver and drops everything newer.
//
// Invariants: at most DEPTH entries, in a ring whose newest entry is just before `top`; a
// new entry over a full ring replaces the oldest (costing a site, never a report); a call
// from uninstrumented code finds no entry for its receiver and gets NO_SITE. A ring rather
// than a shifted array: every method call jsrace does not intercept leaves an entry, so the
// stack is full in any loop that calls methods, and shifting it cost about 330 instructions
// a call.
import { NO_SITE, SiteId } from './types';

const DEPTH = 8; // a power of two
// One object whose fields never change kind, for the reason history.ts's `trace` gives.
// Instrumented calls on the global Atomics skip the ring (atomics.ts's atomicCalls); the
// rest (through an alias such as `const A = Atomics`, a spy, a spread) enter this thread's
// Atomics as a flag instead of itself: storing an object into the ring costs a write
// barrier call (about 50 instructions) while the object is young, and in a worker that
// allocates little it stays young.
const ring = {
  receivers: new Array<unknown>(DEPTH).fill(undefined),
  atomicsAt: new Uint8Array(DEPTH), // 1: the entry is Atomics' (its receiver undefined)
  sites: new Int32Array(DEPTH),
  top: 0, // where the next entry goes
  count: 0,
  atomics: {} as unknown, // until installed, an object no call has as its receiver
};

/** The patched Atomics of this thread (atomics.ts). */
export function setAtomicsReceiver(atomics: object): void {
  ring.atomics = atomics;
}

export function at<T>(receiver: T, site: number): T {
  const top = ring.top;
  if (receiver === ring.atomics) {
    ring.receivers[top] = undefined;
    ring.atomicsAt[top] = 1;
  } else {
    ring.receivers[top] = receiver;
    ring.atomicsAt[top] = 0;
  }
  ring.sites[top] = site;
  ring.top = (top + 1) & (DEPTH - 1);
  if (ring.count < DEPTH) ring.count++;
  return receiver;
}

/**
 * The site of the call just made on `receiver`. Small enough for V8 to inline into the
 * wrappers: the usual entry is the newest one, and the call cost about 100 instructions.
 */
export function takeSite(receiver: unknown): SiteId {
  const i = (ring.top - 1) & (DEPTH - 1);
  if (ring.count === 0 || holds(i, receiver) !== true) return takeOlderSite(receiver);
  ring.receivers[i] = undefined;
  ring.top = i;
  ring.count--;
  return ring.sites[i] as SiteId;
}

/** Whether entry i is for `receiver`. */
function holds(i: number, receiver: unknown): boolean {
  return receiver === ring.atomics ? ring.atomicsAt[i] === 1 : ring.atomicsAt[i] === 0 && ring.receivers[i] === receiver;
}

/** takeSite when the newest entry is not the receiver's: an older one, or none. */
function takeOlderSite(receiver: unknown): SiteId {
  let i = ring.top;
  for (let k = 0; k < ring.count; k++) {
    i = (i - 1) & (DEPTH - 1);
    if (holds(i, receiver)) {
      const site = ring.sites[i] as SiteId;
      // Drop it and the k newer entries, so that none keeps its receiver alive.
      for (let n = 0, j = i; n <= k; n++, j = (j + 1) & (DEPTH - 1)) ring.receivers[j] = undefined;
      ring.top = i;
      ring.count -= k + 1;
      return site;
    }
  }
  return NO_SITE;
}
