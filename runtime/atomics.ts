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
// - The original operation runs under its location's lock stripe, together with its clock
//   update.
// - Anything jsrace does not track (non-shared arrays, bad arguments) goes straight to the
//   original operation, which throws exactly what it would have thrown.
import { syncLockFor } from './context';
import { thread } from './thread-state';
import {
  OrigAtomics, OrigSharedArrayBuffer, isSharedArrayBuffer, typedArrayBuffer, typedArrayByteOffset, typedArrayLength,
  typedArrayTag,
} from './intrinsics';
import { knownShadow, shadowOf } from './buffers';
import { BufferShadow } from './buffer-shadow';
import { checkAccess, ATOMIC, READ, WRITE } from './shadow';
import { SyncKind, acquire, releaseJoin, releaseStore, syncClock } from './sync';
import { SiteId } from './types';
import { takeSite } from './call-site';
import { guard } from './warn';


interface Target {
  view: object;
  shadow: BufferShadow;
  byteOffset: number;
  size: number;
  bigint: boolean;
  index: number;
  site: SiteId;
}

const SIZE: Record<string, number> = {
  Int8Array: 1, Uint8Array: 1, Int16Array: 2, Uint16Array: 2, Int32Array: 4, Uint32Array: 4,
  BigInt64Array: 8, BigUint64Array: 8,
};

const scratch: Record<string, any> = {
  Int8Array: new Int8Array(1), Uint8Array: new Uint8Array(1), Int16Array: new Int16Array(1),
  Uint16Array: new Uint16Array(1), Int32Array: new Int32Array(1), Uint32Array: new Uint32Array(1),
  BigInt64Array: new BigInt64Array(1), BigUint64Array: new BigUint64Array(1),
};

/** The tracked element an Atomics call addresses, or undefined to defer to the original. */
function target(receiver: unknown, view: unknown, rawIndex: unknown): [Target | undefined, unknown] {
  const site = takeSite(receiver);
  if (!thread.active || !ArrayBuffer.isView(view)) return [undefined, rawIndex];
  const tag = typedArrayTag.call(view);
  const size = tag === undefined ? undefined : SIZE[tag];
  if (size === undefined) return [undefined, rawIndex];
  const buffer = typedArrayBuffer.call(view);
  let shadow = knownShadow(buffer);
  if (shadow === undefined) {
    if (!(buffer instanceof OrigSharedArrayBuffer) || !isSharedArrayBuffer(buffer)) return [undefined, rawIndex];
    shadow = guard('buffer registration', undefined, () => shadowOf(buffer as SharedArrayBuffer));
    if (shadow === undefined) return [undefined, rawIndex];
  }
  if (typeof rawIndex === 'symbol' || typeof rawIndex === 'bigint') return [undefined, rawIndex];
  const converted = typeof rawIndex === 'number' ? rawIndex : Number(rawIndex); // ToNumber, once
  const index = Math.trunc(converted) || 0;
  if (index < 0 || index >= typedArrayLength.call(view) || shadow.cells === null) return [undefined, converted];
  return [{
    view, shadow, size, bigint: size === 8, index, site,
    byteOffset: typedArrayByteOffset.call(view) + index * size,
  }, converted];
}

/** Converts an operand once, as the operation itself would (objects only: primitives are pure). */
function operand(t: Target, v: unknown): unknown {
  if ((typeof v !== 'object' || v === null) && typeof v !== 'function') return v;
  if (t.bigint) {
    const s = scratch.BigInt64Array as BigInt64Array;
    s[0] = v as unknown as bigint; // ToBigInt, once
    return s[0];
  }
  return Number(v);
}

function record(t: Target, flags: number): void {
  checkAccess(t.shadow, t.byteOffset, t.size, flags | ATOMIC, t.site, t.view);
}

function location(t: Target): Uint32Array {
  return syncClock(t.shadow.id, t.byteOffset, t.size, SyncKind.Location);
}
function waiters(t: Target): Uint32Array {
  return syncClock(t.shadow.id, t.byteOffset, 0, SyncKind.Waiters);
}

type Op = (...args: any[]) => any;
const O = OrigAtomics as unknown as Record<string, Op>;

function readModifyWrite(name: string): Op {
  const original = O[name];
  return function (this: unknown, view: any, index: any, value: any) {
    const [t, i] = target(this, view, index);
    if (!t) return original.call(OrigAtomics, view, i, value);
    const v = operand(t, value);
    const lock = syncLockFor(t.shadow.id, t.byteOffset);
    lock.lock(thread.slot);
    try {
      const result = original.call(OrigAtomics, view, i, v);
      const sync = location(t);
      acquire(sync);
      record(t, WRITE);
      releaseStore(sync);
      return result;
    } finally {
      lock.unlock();
      thread.advance();
    }
  };
}

function load(this: unknown, view: any, index: any): any {
  const [t, i] = target(this, view, index);
  if (!t) return O.load.call(OrigAtomics, view, i);
  const lock = syncLockFor(t.shadow.id, t.byteOffset);
  lock.lock(thread.slot);
  try {
    const result = O.load.call(OrigAtomics, view, i);
    acquire(location(t));
    record(t, READ);
    return result;
  } finally {
    lock.unlock();
  }
}

function store(this: unknown, view: any, index: any, value: any): any {
  const [t, i] = target(this, view, index);
  if (!t) return O.store.call(OrigAtomics, view, i, value);
  const v = operand(t, value);
  const lock = syncLockFor(t.shadow.id, t.byteOffset);
  lock.lock(thread.slot);
  try {
    record(t, WRITE);
    const result = O.store.call(OrigAtomics, view, i, v);
    releaseStore(location(t));
    return result;
  } finally {
    lock.unlock();
    thread.advance();
  }
}

function compareExchange(this: unknown, view: any, index: any, expected: any, replacement: any): any {
  const [t, i] = target(this, view, index);
  if (!t) return O.compareExchange.call(OrigAtomics, view, i, expected, replacement);
  const e = operand(t, expected);
  const r = operand(t, replacement);
  const lock = syncLockFor(t.shadow.id, t.byteOffset);
  lock.lock(thread.slot);
  try {
    const result = O.compareExchange.call(OrigAtomics, view, i, e, r);
    const s = scratch[typedArrayTag.call(view)!];
    s[0] = e;
    const sync = location(t);
    acquire(sync);
    if (s[0] === result) {
      record(t, WRITE);
      releaseStore(sync);
    } else {
      record(t, READ);
    }
    return result;
  } finally {
    lock.unlock();
    thread.advance();
  }
}

/** Entering a waiter list's critical section: ordered after the previous leave. */
function enterWaiterList(t: Target): void {
  const list = waiters(t);
  acquire(list);
  releaseJoin(list);
}

function beforeWait(t: Target): void {
  const lock = syncLockFor(t.shadow.id, t.byteOffset);
  lock.lock(thread.slot);
  try {
    acquire(location(t));
    record(t, READ);
    enterWaiterList(t);
  } finally {
    lock.unlock();
    thread.advance();
  }
}

function afterWait(t: Target, outcome: unknown): void {
  const lock = syncLockFor(t.shadow.id, t.byteOffset);
  lock.lock(thread.slot);
  try {
    acquire(waiters(t));
    // "not-equal" read a value some store wrote after we looked: take its release too.
    if (outcome === 'not-equal') acquire(location(t));
  } finally {
    lock.unlock();
  }
}

function waitArgs(t: Target, value: unknown, timeout: unknown): [unknown, unknown] {
  const v = operand(t, value);
  const ms = typeof timeout === 'object' && timeout !== null ? Number(timeout) : timeout;
  return [v, ms];
}

function wait(this: unknown, view: any, index: any, value: any, timeout?: any): any {
  const [t, i] = target(this, view, index);
  if (!t || typedArrayTag.call(view) !== 'Int32Array' && typedArrayTag.call(view) !== 'BigInt64Array') {
    return O.wait.call(OrigAtomics, view, i, value, timeout);
  }
  const [v, ms] = waitArgs(t, value, timeout);
  beforeWait(t);
  const outcome = O.wait.call(OrigAtomics, view, i, v, ms);
  afterWait(t, outcome);
  return outcome;
}

function waitAsync(this: unknown, view: any, index: any, value: any, timeout?: any): any {
  const original = O.waitAsync;
  const [t, i] = target(this, view, index);
  if (!t || typedArrayTag.call(view) !== 'Int32Array' && typedArrayTag.call(view) !== 'BigInt64Array') {
    return original.call(OrigAtomics, view, i, value, timeout);
  }
  const [v, ms] = waitArgs(t, value, timeout);
  beforeWait(t);
  const result = original.call(OrigAtomics, view, i, v, ms) as { async: boolean; value: any };
  if (!result.async) {
    afterWait(t, result.value);
  } else {
    result.value = (result.value as Promise<unknown>).then((outcome) => {
      afterWait(t, outcome);
      return outcome;
    });
  }
  return result;
}

function notify(this: unknown, view: any, index: any, count?: any): any {
  const [t, i] = target(this, view, index);
  if (!t) return O.notify.call(OrigAtomics, view, i, count);
  const c = typeof count === 'object' && count !== null ? Number(count) : count;
  const lock = syncLockFor(t.shadow.id, t.byteOffset);
  lock.lock(thread.slot);
  try {
    enterWaiterList(t);
    return O.notify.call(OrigAtomics, view, i, c);
  } finally {
    lock.unlock();
    thread.advance();
  }
}

/** A copy of Atomics whose operations are observed, installed as this thread's global. */
export function installAtomics(): void {
  const patched = Object.create(Object.getPrototypeOf(OrigAtomics)) as Record<string | symbol, unknown>;
  for (const key of Reflect.ownKeys(OrigAtomics)) {
    Object.defineProperty(patched, key, Object.getOwnPropertyDescriptor(OrigAtomics, key)!);
  }
  const wrappers: Record<string, Op> = {
    load, store, compareExchange, wait, notify,
    add: readModifyWrite('add'), sub: readModifyWrite('sub'), and: readModifyWrite('and'),
    or: readModifyWrite('or'), xor: readModifyWrite('xor'), exchange: readModifyWrite('exchange'),
  };
  if (typeof O.waitAsync === 'function') wrappers.waitAsync = waitAsync;
  for (const [name, fn] of Object.entries(wrappers)) {
    const original = O[name];
    Object.defineProperty(fn, 'name', { value: name });
    Object.defineProperty(fn, 'length', { value: original.length });
    Object.defineProperty(patched, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
  Object.defineProperty(globalThis, 'Atomics', { value: patched, writable: true, configurable: true, enumerable: false });
}

