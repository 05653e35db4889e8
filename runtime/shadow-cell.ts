// ShadowCell: one recorded access, packed in one float64 so that a cell is written and
// read with a single 64-bit memory operation and two threads can never tear it.
//
//   value = hi * 2^32 + epoch            (always an exact integer < 2^53)
//   hi    = slot << 10 | atomic << 9 | read << 8 | byteMask     (slot < 512: hi < 2^19)
//
// Invariants:
// - value 0 means "empty" (byteMask 0); shadow memory starts zeroed.
// - Stored cells hold plain accesses only. The atomic bit describes an atomic access
//   recorded in its sync row (atomic-records.ts) when a report or its site entry needs one
//   value for it.
// - byteMask has bit b set when byte b of the 8-byte granule was touched; never 0 in a
//   stored cell.
// - Two cells per 8-byte granule, in two consecutive float64 words: 16 bytes of shadow
//   per 8 bytes of shared memory, four granules to a cache line. The site that stamped a
//   cell is kept by the stamping thread (access-sites.ts), not here.
import { Epoch, Slot, asEpoch, asSlot } from './types';

// Constants of the hot paths are const enums, which tsc writes into the code as literals.
// An exported `const` becomes a read of the module's exports object at every use, which
// V8 cannot fold (tsc assigns each export twice), so the JIT's code kept map checks and
// real multiplications: about 6% of the instructions of an atomic operation (callgrind).
export const enum Cell {
  TWO32 = 4294967296,
  READ = 256,
  ATOMIC = 512,
  /** Float64 words of shadow per granule: its two cells. */
  GRANULE_WORDS = 2,
}

/** The float64 index of granule g's first cell. */
export function firstCell(g: number): number {
  return g * Cell.GRANULE_WORDS;
}
/** The granule whose cell is at float64 index c. */
export function granuleOfCell(c: number): number {
  return c >>> 1;
}

export function packCell(slot: Slot, flags: number, mask: number, epoch: Epoch): number {
  return (slot * 1024 + flags + mask) * Cell.TWO32 + epoch;
}
export function cellHi(v: number): number {
  return (v / Cell.TWO32) >>> 0;
}
export function cellEpoch(v: number): Epoch {
  return asEpoch(v - cellHi(v) * Cell.TWO32);
}
export function cellSlot(v: number): Slot {
  return asSlot(cellHi(v) >>> 10);
}
export function cellMask(v: number): number {
  return cellHi(v) & 0xff;
}
export function cellIsRead(v: number): boolean {
  return (cellHi(v) & Cell.READ) !== 0;
}
export function cellIsAtomic(v: number): boolean {
  return (cellHi(v) & Cell.ATOMIC) !== 0;
}
/**
 * FastTrack's same-epoch test on the granule whose cells start at c0: one of them already
 * holds `cur` (this access, these bytes, this epoch), or, for a plain read, a write of the
 * same bytes in the same epoch, which says more. Then there is nothing to record.
 */
export function alreadyRecorded(cells: Float64Array, c0: number, cur: number, flags: number): boolean {
  const v0 = cells[c0];
  const v1 = cells[c0 + 1];
  if (v0 === cur || v1 === cur) return true;
  return flags === Cell.READ && (v0 === cur - Cell.READ * Cell.TWO32 || v1 === cur - Cell.READ * Cell.TWO32);
}

/** Mask of `size` bytes starting at byte `offset` of a granule (offset + size <= 8). */
export function byteMask(offset: number, size: number): number {
  return ((1 << size) - 1) << offset;
}
/** Index of the lowest set bit of a non-zero byte mask. */
export function firstByte(mask: number): number {
  return 31 - Math.clz32(mask & -mask);
}
