// The Atomics wrappers: every Atomics operation on a shared integer typed array becomes an
// atomic access in shadow memory plus its happens-before effect:
//   load            acquire (location)
//   store           release (location)
//   add/sub/and/or/xor/exchange, successful compareExchange   acquire + release
//   failed compareExchange   acquire (it is a read)
//   wait/waitAsync  acquire the location; enter the waiter list (acquire + release) before
//                   sleeping and acquire it again on return
//   notify          enter the waiter list (acquire + release)
// The patched object replaces globalThis.Atomics in this thread only; Node's internals
// keep the original object and are never observed.
//
// Invariants:
// - User arguments are converted exactly once, in the order the spec converts them, before
//   any lock is taken; the original operation then receives primitives only.
// - The original operation runs under its location's row lock (sync.ts), together with its
//   clock update and, for a write, its record (atomic-records.ts): one lock per operation,
//   no shadow cell and no stripe, and nothing allocated.
// - Anything jsrace does not track (non-shared arrays, bad arguments) goes straight to the
//   original operation, which throws exactly what it would have thrown.
import { thread } from './thread-state';
import { OrigAtomics, ReflectApply, TSO, likeOriginal, typedArrayTag } from './intrinsics';
import { ATOMIC_BIGINT, isView, located, locateAtomic } from './access';
import { BufferShadow } from './buffer-shadow';
import { ATOMIC, READ, WRITE } from './shadow';
import {
  SyncKind, Version, acquire, acquireRelease, acquireUnlocked, beginWrite, endWrite, finishWrite, lastGranule, lockRow, noteVersion, publishWrite,
  lastSyncEntry, readOrdered, releaseJoin, reuseRow, seenVersion, syncRow, unlockRow, versionAt, watch,
} from './sync';
import { checkAtomicWrite, recordAtomic, recordAtomicWriteEarly, reportAtomicRace } from './atomic-records';
import { ctx } from './context';
import { SiteId } from './types';
import { at, setAtomicsReceiver, takeSite } from './call-site';

const scratch: Record<string, any> = {
  Int8Array: new Int8Array(1), Uint8Array: new Uint8Array(1), Int16Array: new Int16Array(1),
  Uint16Array: new Uint16Array(1), Int32Array: new Int32Array(1), Uint32Array: new Uint32Array(1),
  BigInt64Array: new BigInt64Array(1), BigUint64Array: new BigUint64Array(1),
};
const bigScratch = scratch.BigInt64Array as BigInt64Array;

// How often a load retries without the lock while writers keep the version moving.
const READ_TRIES = 1000;

// The index as the original operation must receive it: converted at most once, by us.
let argIndex: unknown;

/**
 * The byte address of the element an Atomics call addresses in a tracked buffer (with
 * `located` filled), or -1 to defer to the original, which then throws what it would have.
 */
function locate(view: unknown, rawIndex: unknown): number {
  argIndex = rawIndex;
  if (thread.active !== true || !isView(view) || !locateAtomic(view)) return -1;
  if (typeof rawIndex === 'symbol' || typeof rawIndex === 'bigint') return -1;
  if (typeof rawIndex !== 'number') {
    // ToNumber, once. Its user code may call Atomics and refill `located`: put ours back.
    const { shadow, address, size, length, kind } = located;
    argIndex = Number(rawIndex);
    located.shadow = shadow;
    located.address = address;
    located.size = size;
    located.length = length;
    located.kind = kind;
  }
  const index = Math.trunc(argIndex as number) || 0;
  if (index < 0 || index >= located.length) return -1;
  return located.address + index * located.size;
}

// Per call site (direct-mapped by site id), the element its last Atomics call addressed and
// that element's sync row. A spinning load, a lock word's compareExchange or a queue's index
// addresses one element call after call, and then skips the view cache, the index
// conversion and the sync table's hash. An entry is valid for its view and numeric index
// alone: a view never changes buffer or offset, and a shared buffer never shrinks, so an
// index once in bounds stays so. Its row is valid while the sync cache entry still holds it
// (reuseRow); the overflow row is never cached, so it never is. Calls from uninstrumented
// code share entry NO_SITE, which costs only misses. An entry keeps its view (and so its
// buffer) alive until another call takes the entry: at most SITES views per thread.
const SITES = 256;
const siteViews: unknown[] = new Array<unknown>(SITES).fill(undefined);
// NaN equals no index: an unused entry (view undefined) must not hit for Atomics.load(undefined, 0).
const siteIndexes = new Float64Array(SITES).fill(NaN);
const siteShadows: (BufferShadow | undefined)[] = new Array<BufferShadow | undefined>(SITES).fill(undefined);
const siteBases = new Float64Array(SITES); // the view's byte offset
const siteLengths = new Float64Array(SITES);
const siteAddresses = new Float64Array(SITES);
const siteElements = new Float64Array(SITES); // the element's index in its view
const siteSizes = new Int32Array(SITES);
const siteBigInts = new Uint8Array(SITES);
// A one-element array of the view's own kind: compareExchange converts its expected value
// there to compare it with the old value. Looked up by the view's tag on every call, it
// cost a keyed load by string.
const siteScratches: unknown[] = new Array<unknown>(SITES).fill(undefined);
const siteRows = new Int32Array(SITES);
const siteEntries = new Int32Array(SITES);

/**
 * The site entry describing the element an Atomics call at `site` addresses (with argIndex
 * set), or -1 to defer to the original operation. Read the entry before converting
 * operands: their user code may call Atomics at this site again.
 */
function place(site: SiteId, view: unknown, index: unknown): number {
  const h = site & (SITES - 1);
  if (siteViews[h] === view && siteIndexes[h] === index && thread.active === true) {
    argIndex = index;
    return h;
  }
  return placeAgain(h, view, index);
}

/**
 * place when the entry is not for this element. Apart, so that place is small enough for
 * V8 to inline into the wrappers: called, it cost about 60 instructions per operation.
 */
function placeAgain(h: number, view: unknown, index: unknown): number {
  if (siteViews[h] === view && thread.active === true) {
    // The same view at another element (a histogram's buckets): its address needs no lookup.
    if (typeof index === 'number' && index >= 0 && index < siteLengths[h]) {
      argIndex = index;
      const addr = siteBases[h] + Math.trunc(index) * siteSizes[h];
      siteIndexes[h] = index;
      siteAddresses[h] = addr;
      siteElements[h] = Math.trunc(index);
      siteRows[h] = syncRow(siteShadows[h]!.id, addr, siteSizes[h], SyncKind.Location);
      siteEntries[h] = lastSyncEntry();
      return h;
    }
  }
  const addr = locate(view, index);
  if (addr < 0) return -1;
  const b = located.shadow!;
  const size = located.size;
  const row = syncRow(b.id, addr, size, SyncKind.Location);
  // Only a numeric index is its own converted value. A growable view's length may grow: it
  // keeps the length it had, which only costs misses.
  siteViews[h] = typeof index === 'number' ? view : undefined;
  siteIndexes[h] = typeof index === 'number' ? index : NaN;
  siteShadows[h] = b;
  siteElements[h] = Math.trunc(argIndex as number) || 0;
  siteBases[h] = addr - siteElements[h] * size;
  siteLengths[h] = located.length;
  siteAddresses[h] = addr;
  siteSizes[h] = size;
  siteBigInts[h] = located.kind === ATOMIC_BIGINT ? 1 : 0;
  siteScratches[h] = scratch[typedArrayTag.call(view)!];
  siteRows[h] = row;
  siteEntries[h] = lastSyncEntry();
  return h;
}

/** The row of a site entry's element, as the last syncRow call's (after any operand conversion). */
function rowOfSite(b: BufferShadow, addr: number, size: number, row: number, entry: number): number {
  return reuseRow(entry, row) ? row : syncRow(b.id, addr, size, SyncKind.Location);
}

/**
 * Converts an operand once, as the operation itself would (objects only: primitives are
 * pure). The wrappers pass a number straight, without the call: not inlined into them, it
 * cost about 80 instructions per operation.
 */
function operand(bigint: boolean, v: unknown): unknown {
  if ((typeof v !== 'object' || v === null) && typeof v !== 'function') return v;
  if (bigint) {
    bigScratch[0] = v as unknown as bigint; // ToBigInt, once
    return bigScratch[0];
  }
  return Number(v);
}

type Op = (...args: any[]) => any;
const O = OrigAtomics as unknown as Record<string, Op>;

const enum Rmw { Add, Sub, And, Or, Xor, Exchange }

function applyRmw(op: Rmw, view: any, i: any, v: any): unknown {
  switch (op) {
    case Rmw.Add: return OrigAtomics.add(view, i, v);
    case Rmw.Sub: return OrigAtomics.sub(view, i, v);
    case Rmw.And: return OrigAtomics.and(view, i, v);
    case Rmw.Or: return OrigAtomics.or(view, i, v);
    case Rmw.Xor: return OrigAtomics.xor(view, i, v);
    default: return OrigAtomics.exchange(view, i, v);
  }
}

function readModifyWrite(op: Rmw, site: SiteId, view: any, index: any, value: any): unknown {
  const h = place(site, view, index);
  if (h < 0) return applyRmw(op, view, argIndex, value);
  const b = siteShadows[h]!;
  const addr = siteAddresses[h];
  const size = siteSizes[h];
  const cached = siteRows[h];
  const entry = siteEntries[h];
  const i = argIndex;
  const v = typeof value === 'number' ? value : operand(siteBigInts[h] === 1, value);
  const row = rowOfSite(b, addr, size, cached, entry);
  const list = lastGranule();
  const early = recordAtomicWriteEarly(row, list, site);
  lockRow(row);
  let raced = false;
  let result: unknown;
  try {
    const watched = beginWrite(row);
    result = applyRmw(op, view, i, v);
    // Checked with the clock just acquired, and before the version turns even: no access
    // ordered after this write's release can be in the cells yet.
    if (early === true) {
      acquireRelease(row); // the record is made: the release covers it
      raced = checkAtomicWrite(b, row, list, addr, size);
      finishWrite(row, watched);
    } else {
      acquire(row);
      raced = recordAtomic(b, row, list, addr, size, true, site);
      publishWrite(row, watched);
    }
  } finally {
    unlockRow(row);
    thread.advance();
  }
  if (raced === true) reportAtomicRace(b, addr, size, WRITE | ATOMIC, site, view);
  return result;
}

function add(this: unknown, view: any, index: any, value: any): any { return readModifyWrite(Rmw.Add, takeSite(this), view, index, value); }
function sub(this: unknown, view: any, index: any, value: any): any { return readModifyWrite(Rmw.Sub, takeSite(this), view, index, value); }
function and(this: unknown, view: any, index: any, value: any): any { return readModifyWrite(Rmw.And, takeSite(this), view, index, value); }
function or(this: unknown, view: any, index: any, value: any): any { return readModifyWrite(Rmw.Or, takeSite(this), view, index, value); }
function xor(this: unknown, view: any, index: any, value: any): any { return readModifyWrite(Rmw.Xor, takeSite(this), view, index, value); }
function exchange(this: unknown, view: any, index: any, value: any): any { return readModifyWrite(Rmw.Exchange, takeSite(this), view, index, value); }

function load(this: unknown, view: any, index: any): any { return loadAt(takeSite(this), view, index); }
function store(this: unknown, view: any, index: any, value: any): any { return storeAt(takeSite(this), view, index, value); }
function compareExchange(this: unknown, view: any, index: any, expected: any, replacement: any): any {
  return compareExchangeAt(takeSite(this), view, index, expected, replacement);
}
function wait(this: unknown, view: any, index: any, value: any, timeout?: any): any { return waitAt(takeSite(this), view, index, value, timeout); }
function waitAsync(this: unknown, view: any, index: any, value: any, timeout?: any): any { return waitAsyncAt(takeSite(this), view, index, value, timeout); }
function notify(this: unknown, view: any, index: any, count?: any): any { return notifyAt(takeSite(this), view, index, count); }

function loadAt(site: SiteId, view: any, index: any): any {
  const h = place(site, view, index);
  if (h < 0) return O.load.call(OrigAtomics, view, argIndex);
  const b = siteShadows[h]!;
  const addr = siteAddresses[h];
  const size = siteSizes[h];
  const row = rowOfSite(b, addr, size, siteRows[h], siteEntries[h]);
  const list = lastGranule();
  // No lock once a load has watched the location, unless a writer is at work: the version
  // is read before the value and checked after it. Unchanged since this thread last
  // acquired the location (a spinning load's usual case), there is nothing to acquire;
  // otherwise the row's clock is copied and checked the same way (a seqlock's reader).
  // A writer at work makes the reader try again, as a seqlock's reader does, rather than
  // queue on the row lock: a reader holding the lock would stall the next writer.
  const table = ctx.world.syncClockTable;
  const at = versionAt(row);
  const plain = TSO && siteBigInts[h] === 0;
  const elementIndex = siteElements[h];
  let result: unknown;
  let done = false;
  for (let tries = 0; !done && tries < READ_TRIES; tries++) {
    const version = readOrdered(table, at);
    if ((version & Version.WATCHED) === 0) break;
    if ((version & 1) !== 0) continue;
    // On x86 Atomics.load of an aligned integer is a plain load: reading the element
    // ourselves saves the builtin's argument checks (about 100 instructions), which place
    // has made already. V8 never removes or hoists a typed-array load (readOrdered relies on
    // the same). A BigInt element is left to the builtin, which reads its 8 bytes at once.
    result = plain ? view[elementIndex] : O.load.call(OrigAtomics, view, argIndex);
    done = version === seenVersion() ? readOrdered(table, at) === version : acquireUnlocked(row, version);
  }
  if (!done) {
    lockRow(row);
    try {
      watch(row);
      result = O.load.call(OrigAtomics, view, argIndex);
      acquire(row);
      noteVersion(row);
    } finally {
      unlockRow(row);
    }
  }
  // A read is recorded before this thread's next release: no lock needed.
  if (recordAtomic(b, row, list, addr, size, false, site)) reportAtomicRace(b, addr, size, READ | ATOMIC, site, view);
  return result;
}

function storeAt(site: SiteId, view: any, index: any, value: any): any {
  const h = place(site, view, index);
  if (h < 0) return O.store.call(OrigAtomics, view, argIndex, value);
  const b = siteShadows[h]!;
  const addr = siteAddresses[h];
  const size = siteSizes[h];
  const cached = siteRows[h];
  const entry = siteEntries[h];
  const i = argIndex;
  const v = typeof value === 'number' ? value : operand(siteBigInts[h] === 1, value);
  const row = rowOfSite(b, addr, size, cached, entry);
  const list = lastGranule();
  const early = recordAtomicWriteEarly(row, list, site);
  lockRow(row);
  let raced = false;
  let result: unknown;
  try {
    // Checked before the version turns odd: lock-free loads wait out only the store itself.
    raced = early === true ? checkAtomicWrite(b, row, list, addr, size) : recordAtomic(b, row, list, addr, size, true, site);
    const watched = beginWrite(row);
    result = O.store.call(OrigAtomics, view, i, v);
    publishWrite(row, watched);
  } finally {
    unlockRow(row);
    thread.advance();
  }
  if (raced === true) reportAtomicRace(b, addr, size, WRITE | ATOMIC, site, view);
  return result;
}

function compareExchangeAt(site: SiteId, view: any, index: any, expected: any, replacement: any): any {
  const h = place(site, view, index);
  if (h < 0) return O.compareExchange.call(OrigAtomics, view, argIndex, expected, replacement);
  const b = siteShadows[h]!;
  const addr = siteAddresses[h];
  const size = siteSizes[h];
  const cached = siteRows[h];
  const entry = siteEntries[h];
  const i = argIndex;
  const bigint = siteBigInts[h] === 1;
  const s = siteScratches[h] as { [0]: unknown };
  const e = typeof expected === 'number' ? expected : operand(bigint, expected);
  const r = typeof replacement === 'number' ? replacement : operand(bigint, replacement);
  const row = rowOfSite(b, addr, size, cached, entry);
  const list = lastGranule();
  lockRow(row);
  let raced = false;
  let wrote = false;
  let result: unknown;
  try {
    const watched = beginWrite(row);
    result = O.compareExchange.call(OrigAtomics, view, i, e, r);
    s[0] = e;
    acquire(row);
    if (s[0] === result) {
      wrote = true;
      raced = recordAtomic(b, row, list, addr, size, true, site);
      publishWrite(row, watched);
    } else {
      endWrite(row, watched);
    }
  } finally {
    unlockRow(row);
    thread.advance();
  }
  // A failed exchange is a read, recorded before this thread's next release.
  if (!wrote) raced = recordAtomic(b, row, list, addr, size, false, site);
  if (raced === true) reportAtomicRace(b, addr, size, wrote ? WRITE | ATOMIC : READ | ATOMIC, site, view);
  return result;
}

/** Entering a waiter list's critical section: ordered after the previous leave. */
function enterWaiterList(b: BufferShadow, addr: number): void {
  const list = syncRow(b.id, addr, 0, SyncKind.Waiters);
  lockRow(list);
  try {
    acquire(list);
    releaseJoin(list);
  } finally {
    unlockRow(list);
  }
}

function beforeWait(b: BufferShadow, addr: number, size: number, site: SiteId, view: object): void {
  const row = syncRow(b.id, addr, size, SyncKind.Location);
  const list = lastGranule();
  lockRow(row);
  try {
    acquire(row);
    noteVersion(row);
  } finally {
    unlockRow(row);
  }
  const raced = recordAtomic(b, row, list, addr, size, false, site);
  enterWaiterList(b, addr);
  thread.advance();
  if (raced === true) reportAtomicRace(b, addr, size, READ | ATOMIC, site, view);
}

function afterWait(b: BufferShadow, addr: number, size: number, outcome: unknown): void {
  acquireLocked(syncRow(b.id, addr, 0, SyncKind.Waiters));
  // "not-equal" read a value some store wrote after we looked: take its release too.
  if (outcome === 'not-equal') acquireLocked(syncRow(b.id, addr, size, SyncKind.Location));
}

/** Acquires a row under its lock, publishing nothing. */
function acquireLocked(row: number): void {
  lockRow(row);
  try {
    acquire(row);
  } finally {
    unlockRow(row);
  }
}

/** A numeric argument (timeout, count) converted once: objects only, primitives pass as they are. */
function numberOnce(v: unknown): unknown {
  return typeof v === 'object' && v !== null ? Number(v) : v;
}

function waitable(view: unknown): boolean {
  const tag = typedArrayTag.call(view);
  return tag === 'Int32Array' || tag === 'BigInt64Array';
}

function waitAt(site: SiteId, view: any, index: any, value: any, timeout?: any): any {
  const addr = locate(view, index);
  if (addr < 0 || !waitable(view)) return O.wait.call(OrigAtomics, view, argIndex, value, timeout);
  const b = located.shadow!;
  const size = located.size;
  const i = argIndex;
  const v = operand(located.kind === ATOMIC_BIGINT, value);
  const ms = numberOnce(timeout);
  beforeWait(b, addr, size, site, view);
  const outcome = O.wait.call(OrigAtomics, view, i, v, ms);
  afterWait(b, addr, size, outcome);
  return outcome;
}

function waitAsyncAt(site: SiteId, view: any, index: any, value: any, timeout?: any): any {
  const original = O.waitAsync;
  const addr = locate(view, index);
  if (addr < 0 || !waitable(view)) return original.call(OrigAtomics, view, argIndex, value, timeout);
  const b = located.shadow!;
  const size = located.size;
  const i = argIndex;
  const v = operand(located.kind === ATOMIC_BIGINT, value);
  const ms = numberOnce(timeout);
  beforeWait(b, addr, size, site, view);
  const result = original.call(OrigAtomics, view, i, v, ms) as { async: boolean; value: any };
  if (!result.async) {
    afterWait(b, addr, size, result.value);
  } else {
    result.value = (result.value as Promise<unknown>).then((outcome) => {
      afterWait(b, addr, size, outcome);
      return outcome;
    });
  }
  return result;
}

function notifyAt(site: SiteId, view: any, index: any, count?: any): any {
  // Through the site cache, as a mutex's unlock notifies on every call: only the element
  // is used, the waiter list has a row of its own.
  const h = place(site, view, index);
  if (h < 0) return O.notify.call(OrigAtomics, view, argIndex, count);
  const b = siteShadows[h]!;
  const addr = siteAddresses[h];
  const i = argIndex;
  const c = numberOnce(count);
  enterWaiterList(b, addr);
  thread.advance();
  return O.notify.call(OrigAtomics, view, i, c);
}

// Direct calls, which skip the call-site ring. The instrumenter writes `Atomics.op(a, b)`
// (Atomics the global, no spread, no more arguments than op takes) as
// `R.atomicCalls.op(site, 2, ns = Atomics, ns.op, a, b)`: the namespace, the method and the
// arguments are evaluated once and in the call's own order, and while the method is still
// this thread's wrapper its site goes straight to the operation. Passing it through the
// ring (at, then takeSite) cost about 150 instructions a call, several per SPSC item. Any
// other method (a spy on Atomics.load, another Atomics) is called as the program wrote it.
function callAsWritten(site: SiteId, argc: number, ns: unknown, f: unknown, name: string, a: unknown, b: unknown, c: unknown, d: unknown): unknown {
  if (typeof f !== 'function') throw new TypeError(`Atomics.${name} is not a function`);
  at(ns, site);
  return ReflectApply(f, ns, argc <= 0 ? [] : argc === 1 ? [a] : argc === 2 ? [a, b] : argc === 3 ? [a, b, c] : [a, b, c, d]);
}

export const atomicCalls = {
  load(site: SiteId, argc: number, ns: unknown, f: unknown, view: any, index: any): any {
    return f === load ? loadAt(site, view, index) : callAsWritten(site, argc, ns, f, 'load', view, index, undefined, undefined);
  },
  store(site: SiteId, argc: number, ns: unknown, f: unknown, view: any, index: any, value: any): any {
    return f === store ? storeAt(site, view, index, value) : callAsWritten(site, argc, ns, f, 'store', view, index, value, undefined);
  },
  add(site: SiteId, argc: number, ns: unknown, f: unknown, view: any, index: any, value: any): any {
    return f === add ? readModifyWrite(Rmw.Add, site, view, index, value) : callAsWritten(site, argc, ns, f, 'add', view, index, value, undefined);
  },
  sub(site: SiteId, argc: number, ns: unknown, f: unknown, view: any, index: any, value: any): any {
    return f === sub ? readModifyWrite(Rmw.Sub, site, view, index, value) : callAsWritten(site, argc, ns, f, 'sub', view, index, value, undefined);
  },
  and(site: SiteId, argc: number, ns: unknown, f: unknown, view: any, index: any, value: any): any {
    return f === and ? readModifyWrite(Rmw.And, site, view, index, value) : callAsWritten(site, argc, ns, f, 'and', view, index, value, undefined);
  },
  or(site: SiteId, argc: number, ns: unknown, f: unknown, view: any, index: any, value: any): any {
    return f === or ? readModifyWrite(Rmw.Or, site, view, index, value) : callAsWritten(site, argc, ns, f, 'or', view, index, value, undefined);
  },
  xor(site: SiteId, argc: number, ns: unknown, f: unknown, view: any, index: any, value: any): any {
    return f === xor ? readModifyWrite(Rmw.Xor, site, view, index, value) : callAsWritten(site, argc, ns, f, 'xor', view, index, value, undefined);
  },
  exchange(site: SiteId, argc: number, ns: unknown, f: unknown, view: any, index: any, value: any): any {
    return f === exchange
      ? readModifyWrite(Rmw.Exchange, site, view, index, value)
      : callAsWritten(site, argc, ns, f, 'exchange', view, index, value, undefined);
  },
  compareExchange(site: SiteId, argc: number, ns: unknown, f: unknown, view: any, index: any, expected: any, replacement: any): any {
    return f === compareExchange
      ? compareExchangeAt(site, view, index, expected, replacement)
      : callAsWritten(site, argc, ns, f, 'compareExchange', view, index, expected, replacement);
  },
  wait(site: SiteId, argc: number, ns: unknown, f: unknown, view: any, index: any, value: any, timeout: any): any {
    return f === wait ? waitAt(site, view, index, value, timeout) : callAsWritten(site, argc, ns, f, 'wait', view, index, value, timeout);
  },
  waitAsync(site: SiteId, argc: number, ns: unknown, f: unknown, view: any, index: any, value: any, timeout: any): any {
    return f === waitAsync
      ? waitAsyncAt(site, view, index, value, timeout)
      : callAsWritten(site, argc, ns, f, 'waitAsync', view, index, value, timeout);
  },
  notify(site: SiteId, argc: number, ns: unknown, f: unknown, view: any, index: any, count: any): any {
    return f === notify ? notifyAt(site, view, index, count) : callAsWritten(site, argc, ns, f, 'notify', view, index, count, undefined);
  },
};

/** A copy of Atomics whose operations are observed, installed as this thread's global. */
export function installAtomics(): void {
  const patched = Object.create(Object.getPrototypeOf(OrigAtomics)) as Record<string | symbol, unknown>;
  for (const key of Reflect.ownKeys(OrigAtomics)) {
    Object.defineProperty(patched, key, Object.getOwnPropertyDescriptor(OrigAtomics, key)!);
  }
  const wrappers: Record<string, Op> = {
    load, store, compareExchange, wait, notify,
    add, sub, and, or, xor, exchange,
  };
  if (typeof O.waitAsync === 'function') wrappers.waitAsync = waitAsync;
  for (const [name, fn] of Object.entries(wrappers)) {
    Object.defineProperty(patched, name, { value: likeOriginal(fn, O[name]), writable: true, configurable: true, enumerable: false });
  }
  setAtomicsReceiver(patched);
  Object.defineProperty(globalThis, 'Atomics', { value: patched, writable: true, configurable: true, enumerable: false });
}

