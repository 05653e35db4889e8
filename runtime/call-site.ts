// Call sites of intercepted methods. Instrumented code writes `R.at(obj, site).method(...)`;
// the method's wrapper asks for the site of the call made on its receiver. Entries form a
// small stack because arguments may hold calls of their own (`a.set(b.slice(1))`), and a
// call on a method jsrace does not intercept leaves its entry behind: the wrapper takes the
// newest entry for its own receiver and drops everything newer.
//
// Invariants: at most DEPTH entries (the oldest is dropped, costing a site, never a report);
// a call from uninstrumented code finds no entry for its receiver and gets NO_SITE.
import { NO_SITE, SiteId } from './types';

const DEPTH = 8;
const receivers: unknown[] = new Array(DEPTH).fill(undefined);
const sites = new Int32Array(DEPTH);
let count = 0;

export function at<T>(receiver: T, site: number): T {
  if (count === DEPTH) {
    for (let i = 1; i < DEPTH; i++) {
      receivers[i - 1] = receivers[i];
      sites[i - 1] = sites[i];
    }
    count--;
  }
  receivers[count] = receiver;
  sites[count] = site;
  count++;
  return receiver;
}

export function takeSite(receiver: unknown): SiteId {
  for (let i = count - 1; i >= 0; i--) {
    if (receivers[i] === receiver) {
      const site = sites[i] as SiteId;
      for (let j = i; j < count; j++) receivers[j] = undefined;
      count = i;
      return site;
    }
  }
  return NO_SITE;
}
