// From any ArrayBufferView (typed array, Buffer, DataView) to the shadow of its memory.
// `resolveView` fills two module variables instead of returning an object, so the per-call
// method wrappers allocate nothing.
import { thread } from './thread-state';
import {
  OrigSharedArrayBuffer, dataViewBuffer, dataViewByteOffset, isSharedArrayBuffer, typedArrayBuffer,
  typedArrayByteOffset, typedArrayTag,
} from './intrinsics';
import { knownShadow, shadowOf } from './buffers';
import { BufferShadow } from './buffer-shadow';
import { checkAccess } from './shadow';
import { SiteId } from './types';
import { guard } from './warn';

export let viewShadow: BufferShadow | undefined;
export let viewBase = 0;

/** True when `view` is over a tracked SharedArrayBuffer; then viewShadow and viewBase are set. */
export function resolveView(view: unknown): boolean {
  if (!thread.active || !ArrayBuffer.isView(view)) return false;
  let buffer: ArrayBufferLike;
  let base: number;
  if (typedArrayTag.call(view) !== undefined) {
    buffer = typedArrayBuffer.call(view);
    base = typedArrayByteOffset.call(view);
  } else {
    buffer = dataViewBuffer.call(view);
    base = dataViewByteOffset.call(view);
  }
  let shadow = knownShadow(buffer);
  if (shadow === undefined) {
    if (!(buffer instanceof OrigSharedArrayBuffer) || !isSharedArrayBuffer(buffer)) return false;
    shadow = guard('buffer registration', undefined, () => shadowOf(buffer as SharedArrayBuffer));
    if (shadow === undefined) return false;
  }
  if (shadow.cells === null) return false;
  viewShadow = shadow;
  viewBase = base;
  return true;
}

/** Checks `length` bytes starting `byteStart` bytes into the view (nothing when not shared). */
export function recordBytes(view: object, byteStart: number, length: number, flags: number, site: SiteId): void {
  if (length <= 0 || !resolveView(view)) return;
  checkAccess(viewShadow!, viewBase + byteStart, length, flags, site, view);
}
