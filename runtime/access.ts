// The shims the instrumenter inserts around computed member accesses. Each performs the
// user's operation exactly as written (same evaluation order, same getters and setters,
// same strict or sloppy assignment semantics) and, when the object is a typed array over
// a SharedArrayBuffer, checks the bytes it touched.
//
// Invariants:
// - The user's operation happens exactly once, with the engine's own key conversions (V8
//   converts an object key once for the read and once for the write of `a[k] += v`).
// - Anything that is not a typed array costs one typeof and one ArrayBuffer.isView.
// - Assignments come in a strict and a sloppy flavour; the sloppy ones are compiled from
//   source without "use strict" so that a failed store is silent, as in the user's file.
import { thread } from './thread-state';
import {
  OrigSharedArrayBuffer, isSharedArrayBuffer, typedArrayBuffer, typedArrayByteOffset, typedArrayLength, typedArrayTag,
} from './intrinsics';
import { knownShadow, shadowOf } from './buffers';
import { BufferShadow } from './buffer-shadow';
import { checkAccess, READ, WRITE } from './shadow';
import { SiteId } from './types';
import { guard } from './warn';

/** Bytes per element from a typed array's tag: the digit before "Array" tells. */
export function elementSize(tag: string): number {
  switch (tag.charCodeAt(tag.length - 6)) {
    case 54: return 2; // ...16Array
    case 50: return 4; // ...32Array
    case 52: return 8; // ...64Array
    default: return 1; // Int8, Uint8, Uint8Clamped
  }
}

// The last VIEWS views this thread touched, each resolved once: loops over a few arrays skip
// the builtin getters. A view never changes its buffer or offset, so an entry stays true;
// only a view of a growable buffer can change its length, and its length is read each time.
const VIEWS = 4;
const views: (object | undefined)[] = [undefined, undefined, undefined, undefined];
const shadows: (BufferShadow | undefined)[] = [undefined, undefined, undefined, undefined]; // undefined: not shared
const bases = new Float64Array(VIEWS);
const sizes = new Int32Array(VIEWS);
const lengths = new Float64Array(VIEWS);
const growables = new Uint8Array(VIEWS);
let nextEntry = 0;

/** Records an access to element `index` of `view` if it is a shared typed array. */
export function recordElement(view: object, index: number, flags: number, site: SiteId): void {
  if (!thread.active) return;
  let e = 0;
  while (e < VIEWS && views[e] !== view) e++;
  if (e === VIEWS) e = resolveElementView(view);
  const shadow = shadows[e];
  if (shadow === undefined) return;
  const length = growables[e] === 1 ? typedArrayLength.call(view) : lengths[e];
  if (index >>> 0 !== index || index >= length) return;
  const size = sizes[e];
  checkAccess(shadow, bases[e] + index * size, size, flags, site, view);
}

/** Resolves `view` into a cache entry (replacing the oldest) and returns the entry. */
function resolveElementView(view: object): number {
  const e = nextEntry;
  nextEntry = (nextEntry + 1) % VIEWS;
  views[e] = view;
  shadows[e] = undefined;
  const tag = typedArrayTag.call(view);
  if (tag === undefined) return e; // a DataView: its elements are not memory
  const buffer = typedArrayBuffer.call(view);
  let shadow = knownShadow(buffer);
  if (shadow === undefined) {
    if (!(buffer instanceof OrigSharedArrayBuffer) || !isSharedArrayBuffer(buffer)) return e;
    shadow = guard('buffer registration', undefined, () => shadowOf(buffer as SharedArrayBuffer));
    if (shadow === undefined) return e;
  }
  if (shadow.cells === null) return e;
  shadows[e] = shadow;
  sizes[e] = elementSize(tag);
  bases[e] = typedArrayByteOffset.call(view);
  lengths[e] = typedArrayLength.call(view);
  growables[e] = growable(buffer as SharedArrayBuffer) ? 1 : 0;
  return e;
}

const growableGetter = Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'growable')?.get;
function growable(sab: SharedArrayBuffer): boolean {
  return growableGetter ? growableGetter.call(sab) === true : false;
}

export function read(o: any, k: any, site: SiteId): any {
  const v = o[k];
  if (typeof k === 'number' && ArrayBuffer.isView(o)) recordElement(o, k, READ, site);
  return v;
}

/** Records a read of o[k] and returns k, for accesses that must stay member expressions (calls). */
export function readKey(o: any, k: any, site: SiteId): any {
  if (typeof k === 'number' && ArrayBuffer.isView(o)) recordElement(o, k, READ, site);
  return k;
}

function recordWrite(o: any, k: any, site: SiteId): void {
  if (typeof k === 'number' && ArrayBuffer.isView(o)) recordElement(o, k, WRITE, site);
}

export interface AssignShims {
  write(o: any, k: any, v: any, site: SiteId): any;
  update(o: any, k: any, increment: boolean, prefix: boolean, site: SiteId): any;
  target(o: any, k: any, site: SiteId): { v: any };
}

// The bodies are source text so that the same code yields a strict and a sloppy copy.
const ASSIGN_SOURCE = `
  return {
    write: function write(o, k, v, s) {
      o[k] = v;
      recordWrite(o, k, s);
      return v;
    },
    update: function update(o, k, increment, prefix, s) {
      var n = o[k];
      recordRead(o, k, s);
      var result = prefix ? (increment ? ++n : --n) : (increment ? n++ : n--);
      o[k] = n;
      recordWrite(o, k, s);
      return result;
    },
    target: function target(o, k, s) {
      return { set v(x) { o[k] = x; recordWrite(o, k, s); } };
    },
  };`;

function recordRead(o: any, k: any, site: SiteId): void {
  if (typeof k === 'number' && ArrayBuffer.isView(o)) recordElement(o, k, READ, site);
}

function compile(strict: boolean): AssignShims {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('recordWrite', 'recordRead', (strict ? '"use strict";' : '') + ASSIGN_SOURCE);
  return factory(recordWrite, recordRead) as AssignShims;
}

export const strictShims = compile(true);
export const sloppyShims = compile(false);
