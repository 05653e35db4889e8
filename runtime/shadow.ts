// The race check of a plain access: compares it against the cells of the granules it
// touches and records it. This is the hot path; it allocates nothing and looks nothing up
// in a Map. Atomic accesses are recorded and checked in their sync rows instead
// (atomic-records.ts); a granule that holds atomic locations is checked against them too.
//
// Invariants (per cell c of a touched granule, access a by thread t at epoch e):
// - disjoint byte masks      -> no conflict
// - same slot                -> same thread (or a predecessor it covers): never a race
// - both reads               -> no race
// - clock_t[slot(c)] >= epoch(c) -> ordered by happens-before
// - otherwise                -> a data race, reported once per pair of sites
// Fast path (FastTrack): if a cell already holds exactly this access kind, these bytes
// and this thread's current epoch, nothing can have changed: return at once.
// Slow path: checking and changing a granule's cells is one step under the granule's lock
// stripe, so two threads touching the same bytes at the same instant cannot both miss the
// other; the report is made after the lock is released, and so is the check against the
// granule's atomic records (whose order the release provides, see atomic-records.ts).
import { thread } from './thread-state';
import { BufferShadow, stripeOf } from './buffer-shadow';
import { Cell, alreadyRecorded, byteMask, cellHi, cellSlot, firstByte, firstCell, granuleOfCell } from './shadow-cell';
import { noteSite, siteOfStamp } from './access-sites';
import { SiteId } from './types';
import { onRace } from './race';
import { recordAccess } from './history';
import { SHORT_NAP_MS, lockWord, unlockWord, unlockWordUnfenced } from './word-lock';
import { STRIPE_MARKS } from './world';
import { plainMeetsAtomics } from './atomic-records';

export const READ = Cell.READ;
export const ATOMIC = Cell.ATOMIC;
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
  if (!alreadyRecorded(b.cells!, c0, thread.cellNow(flags, mask), flags)) slowCheck(b, c0, mask, flags, site, view, addr, size);
}

// The race found by the last check under a stripe, reported once the stripe is released.
let raceCell = 0;
let raceSite = 0;
let raceAddr = 0;

/**
 * The check of one granule once its cells hold nothing that makes the access a repeat (c0
 * the granule's first cell): under the granule's stripe.
 */
export function slowCheck(b: BufferShadow, c0: number, mask: number, flags: number, site: SiteId, view: object, addr: number, size: number): void {
  const g = granuleOfCell(c0);
  const stripe = stripeOf(b, g);
  const locks = b.locks!;
  lockWord(locks, stripe, SHORT_NAP_MS);
  let raced = false;
  // Read under the stripe: unmarked, no atomic location of the stripe's granules can exist
  // until this access is done (sync.ts joinGranule passes through the stripe after marking
  // it), so the unlock need not be the fence that orders the records' loads after the stamp.
  let marked = true;
  try {
    raced = checkCells(b, c0, mask, flags, site);
    marked = locks[STRIPE_MARKS + stripe] !== 0;
  } finally {
    if (marked) unlockWord(locks, stripe);
    else unlockWordUnfenced(locks, stripe);
  }
  if (raced === true) onRace(b, addr, size, flags, site, view, raceCell, raceSite, raceAddr);
  if (marked) plainMeetsAtomics(b, g, mask, (flags & READ) !== 0, addr, size, site, view);
}

/** Records the access in cell c (and in the history). */
function stamp(b: BufferShadow, c: number, flags: number, mask: number, site: SiteId): void {
  const cur = thread.cellNow(flags, mask);
  noteSite(b.id, c, cur, site);
  b.cells![c] = cur;
  thread.dirty = true;
  recordAccess(site);
}

/** Compares the access with the granule's cells and records it; under the granule's stripe. */
function checkCells(b: BufferShadow, c0: number, mask: number, flags: number, site: SiteId): boolean {
  const cells = b.cells!;
  const clock = thread.clock;
  const mySlot = thread.slot;
  const isRead = (flags & READ) !== 0;
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
    const hi = cellHi(v);
    const m = hi & 0xff;
    const s = hi >>> 10;
    const covers = (m & ~mask) === 0 && (!isRead || (hi & READ) !== 0);
    if (s === mySlot) {
      // Same thread: never a race. Replace when this access says at least as much about
      // the same bytes: covers them, and is a write if it was.
      if (covers) replace = c;
      continue;
    }
    if ((m & mask) === 0) continue;
    if (isRead && (hi & READ) !== 0) continue;
    if (clock[s] >= v - hi * Cell.TWO32) {
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
      const hi = cellHi(v);
      if ((hi >>> 10) !== mySlot && clock[hi >>> 10] >= v - hi * Cell.TWO32) ordered = c;
    }
  }
  const at = replace >= 0 ? replace : empty >= 0 ? empty : covered >= 0 ? covered : ordered >= 0 ? ordered
    : racedCell >= 0 ? racedCell : c0 + (thread.epoch & 1);
  stamp(b, at, flags, mask, site);
  return raced;
}
