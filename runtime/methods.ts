// Methods that touch shared memory without a computed member access, intercepted on their
// prototypes so they are observed from any code, instrumented or not:
//   DataView get*/set*; TypedArray bulk methods (fill, set, copyWithin, slice, sort, reverse,
//   toSorted, toReversed, with, indexOf, lastIndexOf, includes, join, toLocaleString, at), the
//   callback methods (forEach, map, filter, reduce, reduceRight, find*, every, some) and
//   iteration (values, entries, [Symbol.iterator]: for...of, spread, Array.from); Node's
//   Buffer read*/write*, write, toString, copy, equals, compare, fill, indexOf, includes,
//   lastIndexOf, swap*, toJSON and Buffer.concat/compare; TextDecoder.decode and
//   TextEncoder.encodeInto.
//
// Invariants:
// - Each wrapper calls the original exactly once with the caller's receiver and arguments
//   (object arguments that are indices are converted once and passed as numbers), returns
//   its result unchanged, and records nothing when the original throws.
// - The bytes recorded are the bytes the method actually reads or writes: a search records
//   up to the element it found, a callback method records element i just before calling
//   the callback for i (so an acquire inside the callback orders the later elements).
// - Non-shared receivers cost one resolveView() check.
import { takeSite } from './call-site';
import { recordBytes, resolveView } from './views';
import { READ, WRITE } from './shadow';
import { elementSize } from './access';
import { ReflectApply, dataViewByteLength, isSharedArrayBuffer, likeOriginal, typedArrayLength, typedArrayTag } from './intrinsics';
import { NO_SITE, SiteId } from './types';
import { callerSite } from './sites';

type Fn = (this: any, ...args: any[]) => any;

/**
 * The site of a bulk call on `view`: the instrumented one, else (for a shared view only) the
 * caller's own frame, so that an access from uninstrumented code still names its line.
 */
function bulkSite(receiver: unknown, view: unknown = receiver): SiteId {
  const site = takeSite(receiver);
  return site !== NO_SITE || !resolveView(view) ? site : callerSite();
}

function patch(proto: object, name: string | symbol, make: (original: Fn) => Fn): void {
  const original = (proto as Record<string | symbol, unknown>)[name];
  if (typeof original !== 'function') return;
  // The original's own name: an alias such as Buffer's readUint8 is readUInt8 in plain node.
  const wrapper = likeOriginal(make(original as Fn), original);
  Object.defineProperty(proto, name, { value: wrapper, writable: true, configurable: true, enumerable: false });
}

/** An index argument as the original will see it: objects converted once, here. */
function index(x: unknown): unknown {
  return (typeof x === 'object' && x !== null) || typeof x === 'function' ? Number(x) : x;
}
function toInt(x: unknown): number {
  const n = Number(x);
  return Number.isNaN(n) ? 0 : Math.trunc(n);
}
/** A relative index (negative counts from the end) clamped to [0, len], as the spec does. */
function rel(x: unknown, len: number, fallback: number): number {
  if (x === undefined) return fallback;
  const n = toInt(x);
  return n < 0 ? Math.max(len + n, 0) : Math.min(n, len);
}

function size(view: object): number {
  const tag = typedArrayTag.call(view);
  return tag === undefined ? 1 : elementSize(tag);
}
function elements(view: object, from: number, to: number, flags: number, site: SiteId): void {
  const s = size(view);
  recordBytes(view, from * s, (to - from) * s, flags, site);
}
function whole(view: object, flags: number, site: SiteId): void {
  elements(view, 0, typedArrayLength.call(view), flags, site);
}
/** The length of an array-like, read without running a getter (a getter's length is not counted). */
function arrayLikeLength(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (typeof v !== 'object' || v === null) return 0;
  const d = Object.getOwnPropertyDescriptor(v, 'length');
  const n = d && 'value' in d ? Number(d.value) : 0;
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

function isTypedArray(v: unknown): v is object {
  return typeof v === 'object' && v !== null && typedArrayTag.call(v) !== undefined;
}

function installTypedArrayMethods(): void {
  const TA = Object.getPrototypeOf(Int8Array.prototype) as object;
  const originalIndexOf = (TA as { indexOf: Fn }).indexOf;

  patch(TA, 'fill', (original) => function (this: object, value: unknown, start?: unknown, end?: unknown) {
    const site = bulkSite(this);
    start = index(start);
    end = index(end);
    const result = original.call(this, value, start, end);
    if (resolveView(this)) {
      const len = typedArrayLength.call(this);
      elements(this, rel(start, len, 0), rel(end, len, len), WRITE, site);
    }
    return result;
  });

  patch(TA, 'set', (original) => function (this: object, source: unknown, offset?: unknown) {
    const site = bulkSite(this);
    offset = index(offset);
    const result = original.call(this, source, offset);
    const count = isTypedArray(source) ? typedArrayLength.call(source) : arrayLikeLength(source);
    if (isTypedArray(source)) elements(source, 0, count, READ, site);
    const at = offset === undefined ? 0 : toInt(offset);
    elements(this, at, at + count, WRITE, site);
    return result;
  });

  patch(TA, 'copyWithin', (original) => function (this: object, target: unknown, start: unknown, end?: unknown) {
    const site = bulkSite(this);
    target = index(target);
    start = index(start);
    end = index(end);
    const result = original.call(this, target, start, end);
    if (resolveView(this)) {
      const len = typedArrayLength.call(this);
      const to = rel(target, len, 0);
      const from = rel(start, len, 0);
      const count = Math.min(rel(end, len, len) - from, len - to);
      if (count > 0) {
        elements(this, from, from + count, READ, site);
        elements(this, to, to + count, WRITE, site);
      }
    }
    return result;
  });

  patch(TA, 'slice', (original) => function (this: object, start?: unknown, end?: unknown) {
    const site = bulkSite(this);
    start = index(start);
    end = index(end);
    const result = original.call(this, start, end);
    if (resolveView(this)) {
      const len = typedArrayLength.call(this);
      elements(this, rel(start, len, 0), rel(end, len, len), READ, site);
    }
    return result;
  });

  for (const name of ['sort', 'reverse']) {
    patch(TA, name, (original) => function (this: object, ...args: unknown[]) {
      const site = bulkSite(this);
      if (resolveView(this)) whole(this, READ, site);
      const result = ReflectApply(original, this, args);
      if (resolveView(this)) whole(this, WRITE, site);
      return result;
    });
  }

  for (const name of ['toSorted', 'toReversed', 'with', 'join', 'toLocaleString']) {
    patch(TA, name, (original) => function (this: object, ...args: unknown[]) {
      const site = bulkSite(this);
      const result = ReflectApply(original, this, args);
      if (resolveView(this)) whole(this, READ, site);
      return result;
    });
  }

  patch(TA, 'at', (original) => function (this: object, i: unknown) {
    const site = takeSite(this);
    i = index(i);
    const result = original.call(this, i);
    if (resolveView(this)) {
      const len = typedArrayLength.call(this);
      const k = toInt(i) < 0 ? len + toInt(i) : toInt(i);
      if (k >= 0 && k < len) elements(this, k, k + 1, READ, site);
    }
    return result;
  });

  patch(TA, 'indexOf', (original) => function (this: object, search: unknown, from?: unknown) {
    const site = bulkSite(this);
    from = index(from);
    const found = original.call(this, search, from) as number;
    if (resolveView(this)) {
      const len = typedArrayLength.call(this);
      elements(this, rel(from, len, 0), found < 0 ? len : found + 1, READ, site);
    }
    return found;
  });

  patch(TA, 'includes', (original) => function (this: object, search: unknown, from?: unknown) {
    const site = bulkSite(this);
    from = index(from);
    const found = original.call(this, search, from) as boolean;
    if (resolveView(this)) {
      const len = typedArrayLength.call(this);
      const start = rel(from, len, 0);
      let end = len;
      if (found && search === search) end = (originalIndexOf.call(this, search, start) as number) + 1;
      else if (found) {
        const self = this as unknown as ArrayLike<unknown>;
        for (let k = start; k < len; k++) {
          if (self[k] !== self[k]) {
            end = k + 1;
            break;
          }
        }
      }
      elements(this, start, end, READ, site);
    }
    return found;
  });

  patch(TA, 'lastIndexOf', (original) => function (this: object, ...args: unknown[]) {
    const site = bulkSite(this);
    if (args.length > 1) args[1] = index(args[1]);
    const found = ReflectApply(original, this, args) as number;
    if (resolveView(this)) {
      const len = typedArrayLength.call(this);
      const n = args.length > 1 ? toInt(args[1]) : len - 1;
      const last = n >= 0 ? Math.min(n, len - 1) : len + n;
      if (last >= 0) elements(this, found < 0 ? 0 : found, last + 1, READ, site);
    }
    return found;
  });

  for (const name of ['forEach', 'map', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'every', 'some']) {
    patch(TA, name, (original) => function (this: object, callback: unknown, thisArg?: unknown) {
      const site = bulkSite(this);
      if (typeof callback !== 'function' || !resolveView(this)) return original.call(this, callback, thisArg);
      const view = this;
      const fn = callback as Fn;
      return original.call(this, function (this: unknown, value: unknown, i: number) {
        elements(view, i, i + 1, READ, site);
        return ReflectApply(fn, this, arguments);
      }, thisArg);
    });
  }

  for (const name of ['reduce', 'reduceRight']) {
    patch(TA, name, (original) => function (this: object, callback: unknown, ...initial: unknown[]) {
      const site = bulkSite(this);
      if (typeof callback !== 'function' || !resolveView(this)) return ReflectApply(original, this, [callback, ...initial]);
      const view = this;
      const fn = callback as Fn;
      const len = typedArrayLength.call(this);
      if (initial.length === 0 && len > 0) {
        const first = name === 'reduce' ? 0 : len - 1;
        elements(view, first, first + 1, READ, site);
      }
      const wrapped = function (this: unknown, acc: unknown, value: unknown, i: number) {
        elements(view, i, i + 1, READ, site);
        return ReflectApply(fn, this, arguments);
      };
      return ReflectApply(original, this, [wrapped, ...initial]);
    });
  }

  // Iteration: the iterator records element i when next() hands it out.
  const ArrayIteratorPrototype = Object.getPrototypeOf([][Symbol.iterator]()) as object;
  function tracked(inner: Iterator<unknown>, view: object, site: SiteId): Iterator<unknown> {
    let i = 0;
    const it = Object.create(ArrayIteratorPrototype) as Iterator<unknown>;
    Object.defineProperty(it, 'next', {
      value: function next() {
        const step = inner.next();
        if (!step.done) elements(view, i, i + 1, READ, site);
        i++;
        return step;
      },
      writable: true, configurable: true, enumerable: false,
    });
    return it;
  }
  const iterate = (original: Fn) => function (this: object) {
    const site = bulkSite(this);
    const inner = original.call(this) as Iterator<unknown>;
    return resolveView(this) ? tracked(inner, this, site) : inner;
  };
  patch(TA, 'values', iterate);
  patch(TA, 'entries', iterate);
  Object.defineProperty(TA, Symbol.iterator, {
    value: (TA as { values: Fn }).values, writable: true, configurable: true, enumerable: false,
  });
}

function installDataViewMethods(): void {
  const sizes: Record<string, number> = {
    Int8: 1, Uint8: 1, Int16: 2, Uint16: 2, Int32: 4, Uint32: 4, Float32: 4, Float64: 8, BigInt64: 8, BigUint64: 8,
  };
  for (const [type, bytes] of Object.entries(sizes)) {
    patch(DataView.prototype, `get${type}`, (original) => function (this: object, offset: unknown, littleEndian?: unknown) {
      const site = takeSite(this);
      offset = index(offset);
      const result = original.call(this, offset, littleEndian);
      recordBytes(this, toInt(offset), bytes, READ, site);
      return result;
    });
    patch(DataView.prototype, `set${type}`, (original) => function (this: object, offset: unknown, value: unknown, littleEndian?: unknown) {
      const site = takeSite(this);
      offset = index(offset);
      const result = original.call(this, offset, value, littleEndian);
      recordBytes(this, toInt(offset), bytes, WRITE, site);
      return result;
    });
  }
}

function byteLength(view: object): number {
  return typedArrayLength.call(view) * size(view);
}

function viewByteLength(view: object): number {
  return typedArrayTag.call(view) === undefined ? dataViewByteLength.call(view) : byteLength(view);
}

/**
 * `new Int32Array(view)` copies the view: instrumented code passes the argument through here
 * first. Returns it unchanged.
 */
export function copySource<T>(source: T, site: SiteId): T {
  if (ArrayBuffer.isView(source) && resolveView(source)) {
    recordBytes(source, 0, viewByteLength(source), READ, site !== NO_SITE ? site : callerSite());
  }
  return source;
}

function installBufferMethods(): void {
  const proto = Buffer.prototype as unknown as Record<string, unknown>;
  const sized: [RegExp, number][] = [[/8$/, 1], [/16(LE|BE)$/, 2], [/(32|Float)(LE|BE)$/, 4], [/(64|Double)(LE|BE)$/, 8]];
  for (const name of Object.getOwnPropertyNames(Buffer.prototype)) {
    const fixed = sized.find(([re]) => re.test(name))?.[1];
    const variable = /^(read|write)U?[Ii]nt(LE|BE)$/.test(name);
    if (/^read/.test(name) && (fixed || variable)) {
      patch(proto, name, (original) => function (this: object, offset?: unknown, width?: unknown) {
        const site = takeSite(this);
        const result = original.call(this, offset, width);
        recordBytes(this, offset === undefined ? 0 : toInt(offset), variable ? toInt(width) : fixed!, READ, site);
        return result;
      });
    } else if (/^write/.test(name) && (fixed || variable)) {
      patch(proto, name, (original) => function (this: object, value: unknown, offset?: unknown, width?: unknown) {
        const site = takeSite(this);
        const end = original.call(this, value, offset, width) as number; // offset + bytes written
        const n = variable ? toInt(width) : fixed!;
        recordBytes(this, end - n, n, WRITE, site);
        return end;
      });
    }
  }

  patch(proto, 'write', (original) => function (this: object, ...args: unknown[]) {
    const site = bulkSite(this);
    const written = ReflectApply(original, this, args) as number;
    recordBytes(this, typeof args[1] === 'number' ? args[1] : 0, written, WRITE, site);
    return written;
  });
  patch(proto, 'toString', (original) => function (this: object, ...args: unknown[]) {
    const site = bulkSite(this);
    const result = ReflectApply(original, this, args);
    const len = byteLength(this);
    const start = args[1] === undefined ? 0 : Math.max(0, Math.min(toInt(args[1]), len));
    const end = args[2] === undefined ? len : Math.max(0, Math.min(toInt(args[2]), len));
    recordBytes(this, start, end - start, READ, site);
    return result;
  });
  patch(proto, 'copy', (original) => function (this: object, target: object, ...args: unknown[]) {
    const site = resolveView(this) ? bulkSite(this) : bulkSite(this, target);
    const copied = ReflectApply(original, this, [target, ...args]) as number;
    const targetStart = args[0] === undefined ? 0 : toInt(args[0]);
    const sourceStart = args[1] === undefined ? 0 : toInt(args[1]);
    recordBytes(this, sourceStart, copied, READ, site);
    recordBytes(target, targetStart, copied, WRITE, site);
    return copied;
  });
  patch(proto, 'equals', (original) => function (this: object, other: object) {
    const site = bulkSite(this);
    const result = original.call(this, other);
    if (ArrayBuffer.isView(other) && byteLength(this) === byteLength(other)) {
      recordBytes(this, 0, byteLength(this), READ, site);
      recordBytes(other, 0, byteLength(other), READ, site);
    }
    return result;
  });
  patch(proto, 'compare', (original) => function (this: object, target: object, ...args: unknown[]) {
    const site = bulkSite(this);
    const result = ReflectApply(original, this, [target, ...args]);
    const tLen = byteLength(target);
    const sLen = byteLength(this);
    const ts = args[0] === undefined ? 0 : toInt(args[0]);
    const te = args[1] === undefined ? tLen : toInt(args[1]);
    const ss = args[2] === undefined ? 0 : toInt(args[2]);
    const se = args[3] === undefined ? sLen : toInt(args[3]);
    recordBytes(this, ss, se - ss, READ, site);
    recordBytes(target, ts, te - ts, READ, site);
    return result;
  });
  patch(proto, 'fill', (original) => function (this: object, ...args: unknown[]) {
    const site = bulkSite(this);
    const result = ReflectApply(original, this, args);
    const len = byteLength(this);
    const start = typeof args[1] === 'number' ? args[1] : 0;
    const end = typeof args[2] === 'number' ? args[2] : len;
    recordBytes(this, start, end - start, WRITE, site);
    return result;
  });
  // Node's includes() calls this.indexOf(), so indexOf and lastIndexOf are enough; the search
  // reads from its start offset up to the end of the match (or the end, if none).
  for (const backwards of [false, true]) {
    patch(proto, backwards ? 'lastIndexOf' : 'indexOf', (original) => function (this: object, ...args: unknown[]) {
      const site = bulkSite(this);
      const found = ReflectApply(original, this, args) as number;
      if (!resolveView(this)) return found;
      const len = byteLength(this);
      const needle = args[0];
      const encoding = typeof args[1] === 'string' ? args[1] : typeof args[2] === 'string' ? args[2] : undefined;
      const n = typeof needle === 'number' ? 1 : typeof needle === 'string' ? Buffer.byteLength(needle, encoding as BufferEncoding)
        : ArrayBuffer.isView(needle) ? byteLength(needle) : 0;
      let from = typeof args[1] === 'string' || args[1] === undefined ? NaN : +(args[1] as number);
      if (Number.isNaN(from)) from = backwards ? len : 0;
      if (from < 0) from += len;
      from = Math.max(0, Math.min(Math.trunc(from), len));
      if (!backwards) recordBytes(this, from, (found < 0 ? len : Math.min(len, found + n)) - from, READ, site);
      else {
        const end = Math.min(len, from + n);
        const start = found < 0 ? 0 : found;
        recordBytes(this, start, end - start, READ, site);
      }
      return found;
    });
  }
  for (const name of ['swap16', 'swap32', 'swap64']) {
    patch(proto, name, (original) => function (this: object) {
      const site = bulkSite(this);
      const result = original.call(this);
      recordBytes(this, 0, byteLength(this), READ, site);
      recordBytes(this, 0, byteLength(this), WRITE, site);
      return result;
    });
  }
  patch(proto, 'toJSON', (original) => function (this: object) {
    const site = bulkSite(this);
    const result = original.call(this);
    recordBytes(this, 0, byteLength(this), READ, site);
    return result;
  });
  const statics = Buffer as unknown as Record<string, unknown>;
  patch(statics, 'concat', (original) => function (this: unknown, list: unknown, ...rest: unknown[]) {
    const site = Array.isArray(list) && list.some((x) => resolveView(x)) ? bulkSite(this, list.find((x) => resolveView(x))) : takeSite(this);
    const result = ReflectApply(original, this, [list, ...rest]);
    if (Array.isArray(list)) for (const item of list) if (ArrayBuffer.isView(item)) recordBytes(item, 0, byteLength(item), READ, site);
    return result;
  });
  // Buffer.from(view) copies the view's bytes (from an ArrayBuffer it makes a view, no access).
  patch(statics, 'from', (original) => function (this: unknown, ...args: unknown[]) {
    const source = args[0];
    const site = ArrayBuffer.isView(source) ? bulkSite(source) : NO_SITE;
    const result = ReflectApply(original, this, args);
    if (ArrayBuffer.isView(source)) recordBytes(source, 0, viewByteLength(source), READ, site);
    return result;
  });
  patch(statics, 'copyBytesFrom', (original) => function (this: unknown, view: object, offset?: unknown, length?: unknown) {
    const site = bulkSite(this, view);
    const result = ReflectApply(original, this, [view, offset, length].slice(0, Math.max(1, arguments.length)));
    if (isTypedArray(view)) {
      const len = typedArrayLength.call(view);
      const from = offset === undefined ? 0 : Math.min(toInt(offset), len);
      const to = length === undefined ? len : Math.min(from + toInt(length), len);
      elements(view, from, to, READ, site);
    }
    return result;
  });
  patch(statics, 'compare', (original) => function (this: unknown, a: object, b: object) {
    const site = bulkSite(this, resolveView(a) ? a : b);
    const result = original.call(this, a, b);
    recordBytes(a, 0, byteLength(a), READ, site);
    recordBytes(b, 0, byteLength(b), READ, site);
    return result;
  });
}

function installTextMethods(): void {
  patch(TextDecoder.prototype, 'decode', (original) => function (this: object, ...args: unknown[]) {
    const site = bulkSite(this, args[0]);
    const result = ReflectApply(original, this, args);
    const input = args[0];
    if (ArrayBuffer.isView(input)) {
      recordBytes(input, 0, typedArrayTag.call(input) === undefined ? (input as DataView).byteLength : byteLength(input), READ, site);
    } else if (isSharedArrayBuffer(input)) {
      const all = new Uint8Array(input);
      recordBytes(all, 0, all.length, READ, site);
    }
    return result;
  });
  patch(TextEncoder.prototype, 'encodeInto', (original) => function (this: object, source: unknown, destination: object) {
    const site = bulkSite(this, destination);
    const result = original.call(this, source, destination) as { written: number };
    recordBytes(destination, 0, result.written, WRITE, site);
    return result;
  });
}

export function installMethodHooks(): void {
  installTypedArrayMethods();
  installDataViewMethods();
  installBufferMethods();
  installTextMethods();
}
