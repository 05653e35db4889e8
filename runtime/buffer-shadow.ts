// BufferShadow: the detector's view of one SharedArrayBuffer: its process-wide id and the
// shadow memory (its granules' cells) that every thread attached to the buffer shares.
//
// Invariants:
// - One id per buffer memory, assigned once; the same id in every thread that learned of
//   the buffer through a message, workerData or a worker's boot.
// - The shadow is sized for the buffer's maximum length (growable buffers included), so
//   it never moves: 16 bytes per 8-byte granule and nothing else (shadow-cell.ts).
// - `cells === null` marks a buffer jsrace does not check (too big to shadow).
// - `locks` is the world's stripe words, shared by all buffers; granule g is guarded by
//   stripe stripeOf(b, g) whenever its cells are checked and changed on the slow path. A
//   thread holds one stripe at a time, so two buffers meeting on a stripe only wait for
//   each other. Atomic operations take no stripe: they are recorded in their location's
//   sync row (atomic-records.ts).
import { BufferId } from './types';
import { Cell } from './shadow-cell';
import { STRIPES } from './world';

/**
 * The stripe of granule g: neighbouring granules get stripes a cache line (16 words) apart,
 * so threads working on nearby elements do not bounce one line of locks between cores;
 * each buffer starts at its own place in the table.
 */
export function stripeOf(b: BufferShadow, g: number): number {
  return stripeAt(b.stripeBase, g);
}

/** Where buffer `id`'s stripes start: its BufferShadow's stripeBase, known from the id alone. */
export function stripeBaseOf(id: number): number {
  return Math.imul(id, 0x9e3779b1) >>> 18;
}

export function stripeAt(stripeBase: number, g: number): number {
  return (stripeBase + (g << 4) + ((g >>> 10) & 15)) & (STRIPES - 1);
}

export class BufferShadow {
  readonly cells: Float64Array | null;
  /** Where this buffer's stripes start in `locks`. */
  readonly stripeBase: number;

  constructor(
    readonly id: BufferId,
    readonly maxByteLength: number,
    readonly shadow: SharedArrayBuffer | null,
    readonly locks: Int32Array | null,
  ) {
    this.cells = shadow ? new Float64Array(shadow, 0, BufferShadow.granules(maxByteLength) * Cell.GRANULE_WORDS) : null;
    this.stripeBase = stripeBaseOf(id);
  }

  static granules(byteLength: number): number {
    return Math.ceil(byteLength / 8);
  }

  /** Bytes of shadow for a buffer of this size: 16 per 8-byte granule (its two cells). */
  static shadowBytes(maxByteLength: number): number {
    return BufferShadow.granules(maxByteLength) * Cell.GRANULE_WORDS * 8;
  }
}
