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

// The last view this thread touched, resolved once: loops over one array skip the builtin
// getters. A view never changes its buffer or offset, so the entry stays true; only a view of
// a growable buffer can change its length, and its length is read each time.
let lastView: object | undefined;
let lastShadow: BufferShadow | undefined; // undefined: not a tracked shared typed array
let lastBase = 0;
let lastSize = 0;
let lastLength = 0;
let lastGrowable = false;

/** Records an access to element `index` of `view` if it is a shared typed array. */
export function recordElement(view: object, index: number, flags: number, site: SiteId): void {
  if (!thread.active) return;
  if (view === lastView) {
    if (lastShadow === undefined) return;
    const length = lastGrowable ? typedArrayLength.call(view) : lastLength;
    if (index >>> 0 !== index || index >= length) return;
    checkAccess(lastShadow, lastBase + index * lastSize, lastSize, flags, site, view);
    return;
  }
  resolveElementView(view);
  recordElement(view, index, flags, site);
}

/** Fills the last-view entry for `view`. */
function resolveElementView(view: object): void {
  lastView = view;
  lastShadow = undefined;
  const tag = typedArrayTag.call(view);
  if (tag === undefined) return; // a DataView: its elements are not memory
  const buffer = typedArrayBuffer.call(view);
  let shadow = knownShadow(buffer);
  if (shadow === undefined) {
    if (!(buffer instanceof OrigSharedArrayBuffer) || !isSharedArrayBuffer(buffer)) return;
    shadow = guard('buffer registration', undefined, () => shadowOf(buffer as SharedArrayBuffer));
    if (shadow === undefined) return;
  }
  if (shadow.cells === null) return;
  lastShadow = shadow;
  lastSize = elementSize(tag);
  lastBase = typedArrayByteOffset.call(view);
  lastLength = typedArrayLength.call(view);
  lastGrowable = growable(buffer as SharedArrayBuffer);
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
