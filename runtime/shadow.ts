// The race check: compares one access against the cells of the granules it touches and
// records it. This is the hot path; it allocates nothing and looks nothing up in a Map.
//
// Invariants (per cell c of a touched granule, access a by thread t at epoch e):
// - disjoint byte masks      -> no conflict
// - same slot                -> same thread (or a predecessor it covers): never a race
// - both reads               -> no race
// - both atomic, same bytes  -> no race (mixed-size atomics do race)
// - clock_t[slot(c)] >= epoch(c) -> ordered by happens-before
// - otherwise                -> a data race, reported once per pair of sites
// Fast path (FastTrack): if a cell already holds exactly this access kind, these bytes
// and this thread's current epoch, nothing can have changed: return at once.
// Slow path: checking and changing a granule's cells is one step under the granule's lock
// stripe, so two threads touching the same bytes at the same instant cannot both miss the
// other; the report is made after the lock is released.
import { thread } from './thread-state';
import { BufferShadow, stripeOf } from './buffer-shadow';
import { CELL_ATOMIC, CELL_READ, TWO32, alreadyRecorded, byteMask, cellSlot, firstByte, firstCell, granuleOfCell } from './shadow-cell';
import { noteSite, siteOfStamp } from './access-sites';
import { SiteId } from './types';
import { onRace } from './race';
import { recordAccess } from './history';
import { A } from './intrinsics';
import { warnOnce } from './warn';

export const READ = CELL_READ;
export const ATOMIC = CELL_ATOMIC;
export const WRITE = 0;

/** Checks and records an access of `size` bytes at byte `addr` of the buffer. */
export function checkAccess(b: BufferShadow, addr: number, size: number, flags: number, site: SiteId, view: object): void {
  const first = addr >>> 3;
  const last = (addr + size - 1) >>> 3;
  if (first === last) {
    checkGranule(b, first, byteMask(addr & 7, size), flags, site, view, addr, size);
    return;
  }
  for (let g = first; g <= last; g++) {
    const lo = g === first ? addr & 7 : 0;
    const hi = g === last ? ((addr + size - 1) & 7) + 1 : 8;
    checkGranule(b, g, ((1 << (hi - lo)) - 1) << lo, flags, site, view, addr, size);
  }
}

function checkGranule(b: BufferShadow, g: number, mask: number, flags: number, site: SiteId, view: object, addr: number, size: number): void {
  const c0 = firstCell(g);
  const cur = (thread.cellHiBase + flags + mask) * TWO32 + thread.epoch;
  if (!alreadyRecorded(b.cells!, c0, cur, flags)) slowCheck(b, c0, mask, flags, site, cur, view, addr, size);
}

const STEAL_AFTER_MS = 2000;

/** Takes the lock stripe that guards byte `addr`'s granule; returns the stripe. */
export function lockGranule(b: BufferShadow, addr: number): number {
  const stripe = stripeOf(b, addr >>> 3);
  const locks = b.locks!;
  if (A.compareExchange(locks, stripe, 0, 1) !== 0) waitForStripe(locks, stripe);
  return stripe;
}

export function unlockGranule(b: BufferShadow, stripe: number): void {
  A.store(b.locks!, stripe, 0);
}

/**
 * Spins, then sleeps in short naps (holders never block, so a stripe is held for
 * microseconds unless its holder was descheduled). One held for STEAL_AFTER_MS belongs to
 * a terminated thread and is taken over.
 */
function waitForStripe(locks: Int32Array, i: number): void {
  for (let spins = 0; spins < 2000; spins++) {
    if (A.load(locks, i) === 0 && A.compareExchange(locks, i, 0, 1) === 0) return;
  }
  const start = Date.now();
  for (;;) {
    A.wait(locks, i, 1, 1);
    if (A.compareExchange(locks, i, 0, 1) === 0) return;
    if (Date.now() - start > STEAL_AFTER_MS) {
      warnOnce('stolen-stripe', 'a thread stopped while holding a shadow lock; jsrace took it over (reports may be incomplete)');
      A.store(locks, i, 1);
      return;
    }
  }
}

// The race found by the last check under a stripe, reported once the stripe is released.
let raceCell = 0;
let raceSite = 0;
let raceAddr = 0;

function slowCheck(b: BufferShadow, c0: number, mask: number, flags: number, site: SiteId, cur: number, view: object, addr: number, size: number): void {
  const stripe = lockGranule(b, granuleOfCell(c0) * 8);
  let raced: boolean;
  try {
    raced = checkCells(b, c0, mask, flags, site, cur);
  } finally {
    unlockGranule(b, stripe);
  }
  if (raced) onRace(b, addr, size, flags, site, view, raceCell, raceSite, raceAddr);
}

/**
 * An atomic access of `size` bytes at `addr` (within one granule), made while the caller
 * holds the granule's stripe. Returns whether it raced; then call reportLockedRace after
 * releasing the stripe.
 */
export function checkLocked(b: BufferShadow, addr: number, size: number, flags: number, site: SiteId): boolean {
  const c0 = firstCell(addr >>> 3);
  const mask = byteMask(addr & 7, size);
  const hi = thread.cellHiBase + flags + mask;
  const cur = hi * TWO32 + thread.epoch;
  const cells = b.cells!;
  const v0 = cells[c0];
  const v1 = cells[c0 + 1];
  if (v0 === cur || v1 === cur) return false;
  // Our own record of this same access in an older epoch, beside a cell it cannot race
  // with: overwriting ours is what the full check would do (an atomic loop's usual case).
  const mine = hi * TWO32;
  if (v0 >= mine && v0 < mine + TWO32 && compatible(v1, flags, mask)) return stamp(b, c0, cur, site);
  if (v1 >= mine && v1 < mine + TWO32 && compatible(v0, flags, mask)) return stamp(b, c0 + 1, cur, site);
  return checkCells(b, c0, mask, flags, site, cur);
}

/** Whether a cell can never race with an access of these flags and bytes (order aside). */
function compatible(v: number, flags: number, mask: number): boolean {
  if (v === 0) return true;
  const hi = (v / TWO32) >>> 0;
  const m = hi & 0xff;
  return (m & mask) === 0 || ((flags & READ) !== 0 && (hi & READ) !== 0) ||
    ((flags & ATOMIC) !== 0 && (hi & ATOMIC) !== 0 && m === mask);
}

/** Records the access in cell c (and in the history). */
function stamp(b: BufferShadow, c: number, cur: number, site: SiteId): false {
  noteSite(b.id, c, cur, site);
  b.cells![c] = cur;
  thread.dirty = true;
  recordAccess(site);
  return false;
}

export function reportLockedRace(b: BufferShadow, addr: number, size: number, flags: number, site: SiteId, view: object): void {
  onRace(b, addr, size, flags, site, view, raceCell, raceSite, raceAddr);
}

/** Compares the access with the granule's cells and records it; under the granule's stripe. */
function checkCells(b: BufferShadow, c0: number, mask: number, flags: number, site: SiteId, cur: number): boolean {
  const cells = b.cells!;
  const clock = thread.clock;
  const mySlot = thread.slot;
  const isRead = (flags & READ) !== 0;
  const isAtomic = (flags & ATOMIC) !== 0;
  // Where to record this access, best first: our own older record that this one covers, an
  // empty cell, a cell ordered before us that this access covers (redundant from now on),
  // any cell ordered before us, a cell that just raced (already reported), else any.
  let replace = -1;
  let empty = -1;
  let covered = -1;
  let ordered = -1;
  let racedCell = -1;
  let raced = false;
  for (let c = c0; c < c0 + 2; c++) {
    const v = cells[c];
    if (v === 0) {
      if (empty < 0) empty = c;
      continue;
    }
    const hi = (v / TWO32) >>> 0;
    const m = hi & 0xff;
    const s = hi >>> 10;
    const covers = (m & ~mask) === 0 && (!isRead || (hi & READ) !== 0);
    if (s === mySlot) {
      // Same thread: never a race. Replace when this access says at least as much about
      // the same bytes: covers them, is a write if it was, and is plain if it was.
      if (covers && (!isAtomic || (hi & ATOMIC) !== 0)) replace = c;
      continue;
    }
    if ((m & mask) === 0) continue;
    if (isRead && (hi & READ) !== 0) continue;
    if (isAtomic && (hi & ATOMIC) !== 0 && m === mask) continue;
    if (clock[s] >= v - hi * TWO32) {
      if (covers) covered = c;
      else if (ordered < 0) ordered = c;
      continue;
    }
    racedCell = c;
    if (!raced) {
      raced = true;
      raceCell = v;
      raceSite = siteOfStamp(cellSlot(v), b.id, c, v);
      raceAddr = granuleOfCell(c) * 8 + firstByte(m);
    }
  }
  // Cells of other threads on other bytes were skipped above; they may still be ordered.
  if (replace < 0 && empty < 0 && covered < 0 && ordered < 0) {
    for (let c = c0; c < c0 + 2; c++) {
      const v = cells[c];
      const hi = (v / TWO32) >>> 0;
      if ((hi >>> 10) !== mySlot && clock[hi >>> 10] >= v - hi * TWO32) ordered = c;
    }
  }
  const at = replace >= 0 ? replace : empty >= 0 ? empty : covered >= 0 ? covered : ordered >= 0 ? ordered
    : racedCell >= 0 ? racedCell : c0 + (thread.epoch & 1);
  stamp(b, at, cur, site);
  return raced;
}
