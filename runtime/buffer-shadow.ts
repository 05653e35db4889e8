// BufferShadow: the detector's view of one SharedArrayBuffer: its process-wide id and the
// shadow memory (cells and sites) that every thread attached to the buffer shares.
//
// Invariants:
// - One id per buffer memory, assigned once; the same id in every thread that learned of
//   the buffer through a message, workerData or a worker's boot.
// - The shadow is sized for the buffer's maximum length (growable buffers included), so
//   it never moves.
// - `cells === null` marks a buffer jsrace does not check (too big to shadow).
// - `cells` and `sites` are two views of the same interleaved words (shadow-cell.ts).
// - `locks`: LOCK_STRIPES Int32 words after them; granule g is guarded by stripe
//   stripeOf(g) whenever its cells are checked and changed on the slow path (and, for an
//   atomic location, its sync clocks).
import { BufferId } from './types';
import { GRANULE_WORDS } from './shadow-cell';

export const LOCK_STRIPES = 1024;

/**
 * The stripe of granule g: neighbouring granules get stripes a cache line (16 words) apart,
 * so threads working on nearby elements do not bounce one line of locks between cores.
 */
export function stripeOf(g: number): number {
  return ((g << 4) + ((g >>> 6) & 15)) & (LOCK_STRIPES - 1);
}

export class BufferShadow {
  readonly cells: Float64Array | null;
  readonly sites: Uint32Array | null;
  readonly locks: Int32Array | null;

  constructor(
    readonly id: BufferId,
    readonly maxByteLength: number,
    readonly shadow: SharedArrayBuffer | null,
  ) {
    if (shadow) {
      const words = BufferShadow.granules(maxByteLength) * GRANULE_WORDS; // cells and sites interleaved
      this.cells = new Float64Array(shadow, 0, words);
      this.sites = new Uint32Array(shadow, 0, words * 2);
      this.locks = new Int32Array(shadow, words * 8, LOCK_STRIPES);
    } else {
      this.cells = null;
      this.sites = null;
      this.locks = null;
    }
  }

  static granules(byteLength: number): number {
    return Math.ceil(byteLength / 8);
  }

  /** Bytes of shadow for a buffer of this size: 24 per 8-byte granule (two cells, two sites), plus the locks. */
  static shadowBytes(maxByteLength: number): number {
    return BufferShadow.granules(maxByteLength) * GRANULE_WORDS * 8 + LOCK_STRIPES * 4;
  }
}
