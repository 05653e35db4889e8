// What instrumented code calls for computed member accesses: the element check behind the
// inline test at each site, and the shims for the forms that cannot be inlined (method
// calls and destructuring targets). When the object is a typed array over a
// SharedArrayBuffer, the bytes touched are checked.
//
// Invariants:
// - The user's operation happens exactly once, with the engine's own key conversions (V8
//   converts an object key once for the read and once for the write of `a[k] += v`).
// - Plain element reads, writes and updates are inlined at the site (instrument/plugin.ts):
//   the user's operation stays in the user's code, and only a view not tagged UNSHARED
//   calls `element`. Anything that is not a view costs one ArrayBuffer.isView.
// - Destructuring targets come in a strict and a sloppy flavour; the sloppy one is compiled
//   from source without "use strict" so that a failed store is silent, as in the user's file.
import { thread } from './thread-state';
import {
  OrigSharedArrayBuffer, isSharedArrayBuffer, typedArrayBuffer, typedArrayByteOffset, typedArrayLength, typedArrayTag,
} from './intrinsics';
import { knownShadow, shadowOf } from './buffers';
import { BufferShadow } from './buffer-shadow';
import { checkAccess, slowCheck, READ, WRITE } from './shadow';
import { Cell, alreadyRecorded, byteMask, firstCell } from './shadow-cell';

export const isView = ArrayBuffer.isView;

/**
 * Own, non-enumerable, always `true` on a view whose elements are not shared memory; the
 * inline test at each site (`isView(o) && o[UNSHARED] !== true`) then costs a map check.
 * Invariant: never set on a view of a SharedArrayBuffer (a view never changes buffer).
 */
export const UNSHARED = Symbol('jsrace.unshared');

function tagUnshared(view: object): void {
  if (Object.isExtensible(view)) Object.defineProperty(view, UNSHARED, { value: true });
}
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
const atomicKinds = new Uint8Array(VIEWS); // ATOMIC_NONE, ATOMIC_INT or ATOMIC_BIGINT
let nextEntry = 0;

// Per site, the shared fixed-length view it last checked, copied out of the view cache: the
// sites of a loop each find their own array here (a matrix product reads two), and `element`
// stays small enough for V8 to inline at the site. Direct-mapped by site id and validated
// by the view itself, so two sites that share an entry only cost each other a cache visit.
// Only fixed-length views: their length cannot change under an entry. An entry keeps its
// view (and so its buffer) alive until another site takes the entry: at most HOT per thread.
const HOT = 64;
const hotViews: (object | undefined)[] = new Array<object | undefined>(HOT).fill(undefined);
const hotShadows: (BufferShadow | undefined)[] = new Array<BufferShadow | undefined>(HOT).fill(undefined);
const hotCells: Float64Array[] = new Array<Float64Array>(HOT).fill(new Float64Array(0));
const hotBases = new Float64Array(HOT);
const hotSizes = new Int32Array(HOT);
const hotLengths = new Float64Array(HOT);

export const ATOMIC_NONE = 0;
export const ATOMIC_INT = 1;
export const ATOMIC_BIGINT = 2;

/**
 * The shared element `index` of `view` as the Atomics wrappers need it, copied out of the
 * cache at once (converting their operands may run user code that evicts the entry).
 */
export const located = { shadow: undefined as BufferShadow | undefined, address: 0, size: 0, length: 0, kind: ATOMIC_NONE };

/** Fills `located` for an Atomics operation on a shared integer view; false: not tracked. */
export function locateAtomic(view: object): boolean {
  const e = entryOf(view);
  const shadow = shadows[e];
  if (shadow === undefined || atomicKinds[e] === ATOMIC_NONE) return false;
  located.shadow = shadow;
  located.address = bases[e];
  located.size = sizes[e];
  located.kind = atomicKinds[e];
  located.length = growables[e] === 1 ? typedArrayLength.call(view) : lengths[e];
  return true;
}

/**
 * Records an access to element `index` of `view` if it is a shared typed array, and makes
 * a fixed-length one the hot view of `site` (element's fast path).
 */
export function recordElement(view: object, index: number, flags: number, site: SiteId): void {
  if (thread.active !== true) return;
  const e = entryOf(view);
  const shadow = shadows[e];
  if (shadow === undefined) return;
  if (growables[e] === 0) {
    const h = site & (HOT - 1);
    hotViews[h] = view;
    hotShadows[h] = shadow;
    hotCells[h] = shadow.cells!;
    hotBases[h] = bases[e];
    hotSizes[h] = sizes[e];
    hotLengths[h] = lengths[e];
  }
  const length = growables[e] === 1 ? typedArrayLength.call(view) : lengths[e];
  if (index >>> 0 !== index || index >= length) return;
  const size = sizes[e];
  checkAccess(shadow, bases[e] + index * size, size, flags, site, view);
}

/** The cache entry of `view`, resolving it if it is not cached. */
function entryOf(view: object): number {
  let e = 0;
  while (e < VIEWS && views[e] !== view) e++;
  return e === VIEWS ? resolveElementView(view) : e;
}

/** Resolves `view` into a cache entry (replacing the oldest) and returns the entry. */
function resolveElementView(view: object): number {
  const e = nextEntry;
  nextEntry = (nextEntry + 1) % VIEWS;
  views[e] = view;
  shadows[e] = undefined;
  const tag = typedArrayTag.call(view);
  if (tag === undefined) { // a DataView: its elements are not memory
    tagUnshared(view);
    return e;
  }
  const buffer = typedArrayBuffer.call(view);
  let shadow = knownShadow(buffer);
  if (shadow === undefined) {
    if (!(buffer instanceof OrigSharedArrayBuffer) || !isSharedArrayBuffer(buffer)) {
      tagUnshared(view);
      return e;
    }
    shadow = guard('buffer registration', undefined, () => shadowOf(buffer as SharedArrayBuffer));
    if (shadow === undefined) return e;
  }
  if (shadow.cells === null) return e;
  shadows[e] = shadow;
  sizes[e] = elementSize(tag);
  const first = tag.charCodeAt(0);
  atomicKinds[e] = first === 66 ? ATOMIC_BIGINT : first === 70 || tag === 'Uint8ClampedArray' ? ATOMIC_NONE : ATOMIC_INT; // B..., F...
  bases[e] = typedArrayByteOffset.call(view);
  lengths[e] = typedArrayLength.call(view);
  growables[e] = growable(buffer as SharedArrayBuffer) ? 1 : 0;
  return e;
}

const growableGetter = Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'growable')?.get;
function growable(sab: SharedArrayBuffer): boolean {
  return growableGetter ? growableGetter.call(sab) === true : false;
}

/**
 * The check instrumented code makes after its own `o[k]` when `o` is a view not tagged
 * UNSHARED: records the element access if `o` is shared, and otherwise tags `o` so that
 * the site's inline test skips it from now on. The first test is FastTrack's same-epoch
 * check, made here for the site's hot view: a cell that already holds this very access
 * (or, for a read, a write of the same bytes in this epoch) leaves nothing to record.
 * Otherwise the hot view's granule is checked at once: an element lies in one granule,
 * since a view's offset is a multiple of its element size.
 */
export function element(o: any, k: any, flags: number, site: SiteId): void {
  const h = site & (HOT - 1);
  if (hotViews[h] === o && typeof k === 'number' && k >>> 0 === k && k < hotLengths[h]) {
    const size = hotSizes[h];
    const addr = hotBases[h] + k * size;
    const mask = byteMask(addr & 7, size);
    const c0 = firstCell(addr >>> 3);
    if (alreadyRecorded(hotCells[h], c0, thread.cellNow(flags, mask), flags)) return;
    if (thread.active === true) {
      slowCheck(hotShadows[h]!, c0, mask, flags, site, o, addr, size);
      return;
    }
  }
  coldElement(o, k, flags, site);
}

function coldElement(o: any, k: any, flags: number, site: SiteId): void {
  if (typeof k === 'number') recordElement(o, k, flags, site);
  else if (isView(o)) resolveElementView(o);
}

/**
 * Whether a value a function received may be a view of shared memory, tested once at its
 * entry for a parameter it never reassigns: a view is resolved (and tagged if it is not
 * shared) here, so the function's accesses through it skip their inline tests. A view never
 * changes buffer, so the answer holds for the whole call.
 */
export function mayBeShared(o: any): boolean {
  entryOf(o); // resolves (and tags) the view unless the cache has it already
  return o[UNSHARED] !== true;
}

/** Records a read of o[k] and returns k, for accesses that must stay member expressions (calls). */
export function readKey(o: any, k: any, site: SiteId): any {
  if (typeof k === 'number' && isView(o)) recordElement(o, k, READ, site);
  return k;
}

export interface PatternShims {
  target(o: any, k: any, site: SiteId): { v: any };
}

// The body is source text so that the same code yields a strict and a sloppy copy: a
// failed store in a destructuring target must throw only in strict code.
const TARGET_SOURCE = `
  return {
    target: function target(o, k, s) {
      return { set v(x) { o[k] = x; if (typeof k === 'number' && isView(o)) recordElement(o, k, WRITE, s); } };
    },
  };`;

function compile(strict: boolean): PatternShims {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('isView', 'recordElement', 'WRITE', (strict ? '"use strict";' : '') + TARGET_SOURCE);
  return factory(isView, recordElement, WRITE) as PatternShims;
}

export const strictShims = compile(true);
export const sloppyShims = compile(false);
