// Originals of every builtin jsrace patches or must call without user interference.
// Captured when this module first loads, which is before any patch is installed in the
// thread, so the runtime never calls its own wrappers and never runs a user override.

export const OrigAtomics: typeof Atomics = Atomics;
export const A = {
  load: Atomics.load,
  store: Atomics.store,
  add: Atomics.add,
  compareExchange: Atomics.compareExchange,
  exchange: Atomics.exchange,
  wait: Atomics.wait,
  notify: Atomics.notify,
};

/**
 * x86 keeps stores in order with stores and loads with loads, and its Atomics.store is a
 * full fence (xchg). There, a store that only needs to be ordered after earlier stores
 * (a record, a seqlock version under its lock) can be plain: an Atomics call costs about
 * 7 ns on Node 20 (V8 does not inline it), a plain store under one.
 */
export const TSO = process.arch === 'x64' || process.arch === 'ia32';

export const OrigSharedArrayBuffer = SharedArrayBuffer;

/**
 * Gives a replacement the name and length of the builtin it replaces, which a program can
 * read (and which the bundle's renaming of clashing function names would otherwise change).
 * Every replaced function takes its shape from here.
 */
export function likeOriginal<F extends Function>(replacement: F, original: Function): F {
  Object.defineProperty(replacement, 'name', { value: original.name, configurable: true });
  Object.defineProperty(replacement, 'length', { value: original.length, configurable: true });
  return replacement;
}

const TypedArrayPrototype = Object.getPrototypeOf(Int8Array.prototype) as object;
function getter(proto: object, key: PropertyKey): (this: unknown) => any {
  const d = Object.getOwnPropertyDescriptor(proto, key);
  if (!d || !d.get) throw new Error(`jsrace: no getter ${String(key)}`);
  return d.get;
}
/** Returns the typed array's constructor name, or undefined for anything else (never throws). */
export const typedArrayTag = getter(TypedArrayPrototype, Symbol.toStringTag) as (this: unknown) => string | undefined;
export const typedArrayBuffer = getter(TypedArrayPrototype, 'buffer') as (this: unknown) => ArrayBufferLike;
export const typedArrayByteOffset = getter(TypedArrayPrototype, 'byteOffset') as (this: unknown) => number;
export const typedArrayLength = getter(TypedArrayPrototype, 'length') as (this: unknown) => number;
export const sabByteLength = getter(SharedArrayBuffer.prototype, 'byteLength') as (this: unknown) => number;
export const dataViewBuffer = getter(DataView.prototype, 'buffer') as (this: unknown) => ArrayBufferLike;
export const dataViewByteOffset = getter(DataView.prototype, 'byteOffset') as (this: unknown) => number;
export const dataViewByteLength = getter(DataView.prototype, 'byteLength') as (this: unknown) => number;

const objectToString = Object.prototype.toString;
/** Brand check that no user code can fool or observe. */
export function isSharedArrayBuffer(v: unknown): v is SharedArrayBuffer {
  if (typeof v !== 'object' || v === null) return false;
  try {
    sabByteLength.call(v);
    return true;
  } catch {
    return false;
  }
}
export function isDataView(v: unknown): v is DataView {
  return typeof v === 'object' && v !== null && objectToString.call(v) === '[object DataView]' &&
    ArrayBuffer.isView(v) && typedArrayTag.call(v) === undefined;
}

export const ReflectApply = Reflect.apply;
