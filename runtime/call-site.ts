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
const receivers: unknown[] = new Array(DEPTH).fill(undefined);
const sites = new Int32Array(DEPTH);
let top = 0; // where the next entry goes
let count = 0;

export function at<T>(receiver: T, site: number): T {
  receivers[top] = receiver;
  sites[top] = site;
  top = (top + 1) & (DEPTH - 1);
  if (count < DEPTH) count++;
  return receiver;
}

export function takeSite(receiver: unknown): SiteId {
  let i = top;
  for (let k = 0; k < count; k++) {
    i = (i - 1) & (DEPTH - 1);
    if (receivers[i] === receiver) {
      const site = sites[i] as SiteId;
      // Drop it and the k newer entries, so that none keeps its receiver alive.
      for (let n = 0, j = i; n <= k; n++, j = (j + 1) & (DEPTH - 1)) receivers[j] = undefined;
      top = i;
      count -= k + 1;
      return site;
    }
  }
  return NO_SITE;
}
