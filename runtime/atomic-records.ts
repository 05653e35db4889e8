// Atomic accesses, recorded in their location's sync row instead of shadow cells, and the
// two race checks that meet there: an atomic access against the plain accesses of its
// granule's cells and the other-sized atomics of its granule, and a plain access against
// the atomics of its granule. An atomic operation then touches the one row line it must
// take for its clock anyway, and never the granule's cells or lock stripe.
//
// In a location's row, slot t owns four words beside its clock entry (world.ts layout):
//   row + t*SLOT_STRIDE + 1   W: 0, or 1 + the epoch of t's last atomic write of it
//   row + t*SLOT_STRIDE + 2   R: 0, or 1 + the epoch of t's last atomic read of it
//   row + t*SLOT_STRIDE + 3   the site of W, tagged with the low bits of W's epoch
//   row + t*SLOT_STRIDE + 4   the site of R, tagged likewise
// A site word sits beside its record, for most slots in the line the record's store takes
// anyway (slots 9, 12 and 15 of every 16 straddle two lines): keeping it in the thread's
// access-site table instead (a hashed entry in another line) cost the histogram about a
// fifth of its time.
//
// Invariants:
// - Only thread t writes its W and R and their sites; a plain read of its own word is exact.
// - A site word is written before its record. A reader trusts it only when its tag matches
//   the epoch of the record it read, read again after the site. Sites are below 2^22
//   (sites.ts), so the tag has 10 bits: a report can name a wrong site for an earlier
//   atomic access only if the reader's two loads straddle the owner's next site and record
//   stores, and that next record's epoch is the old one plus a multiple of 1024. The race
//   check never reads the site words, so they can neither invent nor hide a race.
// - The last atomic write and read per thread are enough: an older access of the same
//   thread is ordered before anything its later one is ordered before.
// - Same-range atomics never race with each other, so no check compares them.
// - A write is recorded before the release that publishes it (under the row lock): an
//   acquirer's later plain access then finds it ordered, and the write's own check of the
//   cells never sees accesses that come after its release.
// - Never two simultaneous accesses unseen (a Dekker pair): the atomic side stores its
//   record (sequentially consistent) and only then reads the cells; the plain side stamps
//   its cell, releases its stripe with a fence (a locked exchange), and only then loads the
//   records. Of two accesses at the same instant, at least one sees the other. The plain
//   side reads its stripe's mark under the stripe, and an unmarked stripe needs neither
//   fence nor records: the first location of a granule passes through its stripe after
//   marking it, before any atomic can use it (sync.ts joinGranule).
import { ctx } from './context';
import { thread } from './thread-state';
import { A, TSO } from './intrinsics';
import { BufferShadow } from './buffer-shadow';
import { Cell, byteMask, cellHi, firstByte, firstCell, packCell } from './shadow-cell';
import { siteOfStamp } from './access-sites';
import { findGranule, granuleCount, granuleLocation, granuleMask, granuleOverlaps, ownRecordHolds, ownRecordStored } from './sync';
import { recordAccess } from './history';
import { onRace } from './race';
import { Row } from './world';
import { NO_SITE, SiteId, asEpoch, asSite, asSlot } from './types';

/** x86 stores with Atomics.store are full fences (xchg); elsewhere a load must follow. */
const STORE_IS_FENCE = TSO;

// A site word: the site in the low SITE_BITS bits, the low bits of its record's epoch above.
const SITE_BITS = 22;
const SITE_MASK = (1 << SITE_BITS) - 1;
const TAG_MASK = (1 << (32 - SITE_BITS)) - 1;

function siteWord(site: SiteId, epoch: number): number {
  return site | ((epoch & TAG_MASK) << SITE_BITS);
}

// The race found by the last check, until it is reported.
let raceCell = 0;
let raceSite = 0;
let raceAddr = 0;

/**
 * Records an atomic access of `size` bytes at `addr` of buffer b, at location `row` whose
 * granule list is `list` (0: none), and checks it. A write must be recorded under the row
 * lock before its release; a read anywhere before this thread's next release. Returns
 * whether it raced; then call reportAtomicRace (after releasing any lock).
 */
export function recordAtomic(b: BufferShadow, row: number, list: number, addr: number, size: number, write: boolean, site: SiteId): boolean {
  if (note(row, list, write, site) !== true) return false;
  const table = ctx.world.syncClockTable;
  A.store(table, row + thread.slot * Row.SLOT_STRIDE + (write === true ? Row.WRITE : Row.READ), thread.epoch + 1);
  ownRecordStored(row, write, thread.epoch + 1);
  if (!STORE_IS_FENCE) A.load(table, row);
  return check(b, row, list, addr, size, write);
}

/**
 * The first half of an atomic write on x86, before taking the row lock: records it with a
 * plain store, which the lock's compareExchange then fences. Returns whether the write
 * needs checking: then call checkAtomicWrite under the lock. Elsewhere, false: call
 * recordAtomic under the lock instead.
 */
export function recordAtomicWriteEarly(row: number, list: number, site: SiteId): boolean {
  if (!STORE_IS_FENCE || note(row, list, true, site) !== true) return false;
  ctx.world.syncClockTable[row + thread.slot * Row.SLOT_STRIDE + Row.WRITE] = thread.epoch + 1;
  ownRecordStored(row, true, thread.epoch + 1);
  return true;
}

/** The second half: under the row lock, checks the write recorded by recordAtomicWriteEarly. */
export function checkAtomicWrite(b: BufferShadow, row: number, list: number, addr: number, size: number): boolean {
  return check(b, row, list, addr, size, true);
}

/** Whether the access needs recording; if so notes its site and history (the record itself is the caller's). */
function note(row: number, list: number, write: boolean, site: SiteId): boolean {
  const me = thread.slot;
  const mine = row + me * Row.SLOT_STRIDE + Row.WRITE; // our W; R follows it
  // Already recorded in this epoch. Not for the shared overflow row (list 0), whose words
  // other locations share.
  if (list !== 0 && ownRecordHolds(row, mine, write, thread.epoch + 1)) return false;
  ctx.world.syncClockTable[(write === true ? mine : mine + 1) + Row.SITE] = siteWord(site, thread.epoch);
  thread.dirty = true;
  recordAccess(site);
  return true;
}

/**
 * After the record is fenced: the cells and the other-sized atomics of the granule. Only
 * the test for nothing to compare is here, small enough for V8 to inline into the
 * wrappers: called, it cost about 100 instructions per atomic operation (callgrind).
 */
function check(b: BufferShadow, row: number, list: number, addr: number, size: number, write: boolean): boolean {
  // Both cells empty (no plain access ever touched the granule, an atomics-only location's
  // usual case) and no two locations of the granule sharing a byte: nothing to compare. The
  // overlap word is read after the record's fence, as checkAgain reads the count.
  const cells = b.cells!;
  const c0 = firstCell(addr >>> 3);
  if (cells[c0] === 0 && cells[c0 + 1] === 0 && (list === 0 || !granuleOverlaps(list))) return false;
  return checkAgain(b, row, list, addr, size, write);
}

/** check when there is something to compare. */
function checkAgain(b: BufferShadow, row: number, list: number, addr: number, size: number, write: boolean): boolean {
  const g = addr >>> 3;
  const mask = byteMask(addr & 7, size);
  const cells = b.cells!;
  const c0 = firstCell(g);
  if ((cells[c0] !== 0 || cells[c0 + 1] !== 0) && conflictingCell(b, g, mask, write)) return true;
  if (list === 0) return false;
  const n = ctx.world.syncClockTable[list]; // after the fence: no stale count
  return n > 1 && granuleOverlaps(list) && conflictingAtomic(row, list, n, g, mask, write);
}

/** Whether a plain access in another thread's cell of granule g conflicts with this atomic one. */
function conflictingCell(b: BufferShadow, g: number, mask: number, write: boolean): boolean {
  const cells = b.cells!;
  const clock = thread.clock;
  const me = thread.slot;
  const c0 = firstCell(g);
  for (let c = c0; c < c0 + 2; c++) {
    const v = cells[c];
    if (v === 0) continue;
    const hi = cellHi(v);
    const s = hi >>> 10;
    if (s === me || (hi & mask & 0xff) === 0) continue;
    if (!write && (hi & Cell.READ) !== 0) continue;
    if (clock[s] >= v - hi * Cell.TWO32) continue;
    raceCell = v;
    raceSite = siteOfStamp(asSlot(s), b.id, c, v);
    raceAddr = g * 8 + firstByte(hi & 0xff);
    return true;
  }
  return false;
}

/** Whether an atomic access of another range overlapping these bytes conflicts with this one. */
function conflictingAtomic(row: number, list: number, n: number, g: number, mask: number, write: boolean): boolean {
  for (let k = 0; k < n; k++) {
    const other = granuleLocation(list, k);
    const m = granuleMask(list, k);
    if (other === row || (m & mask) === 0) continue;
    if (conflictingRecord(other, m, g, write)) return true;
  }
  return false;
}

/**
 * Whether another thread's last atomic write (or, for a `write`, read) of location `row`
 * (bytes `m` of granule g) is not ordered before this thread.
 */
function conflictingRecord(row: number, m: number, g: number, write: boolean): boolean {
  const table = ctx.world.syncClockTable;
  const clock = thread.clock;
  const me = thread.slot;
  const n = thread.slotsUsed();
  for (let t = 0; t < n; t++) {
    if (t === me) continue;
    const atW = recordAt(t, row, true);
    const w = A.load(table, atW);
    if (w !== 0 && clock[t] < w - 1) return found(t, atW, Cell.ATOMIC, m, w - 1, g);
    if (!write) continue;
    const atR = recordAt(t, row, false);
    const r = A.load(table, atR);
    if (r !== 0 && clock[t] < r - 1) return found(t, atR, Cell.ATOMIC | Cell.READ, m, r - 1, g);
  }
  return false;
}

function found(t: number, at: number, flags: number, m: number, epoch: number, g: number): true {
  raceCell = packCell(asSlot(t), flags, m, asEpoch(epoch));
  raceSite = siteOfRecord(at, epoch);
  raceAddr = g * 8 + firstByte(m);
  return true;
}

/**
 * The word of slot t's W (or R) record in location `row`. The recording paths above write
 * it out: calling this there made V8 inline less into the store wrapper (about 150
 * instructions more per SPSC item, callgrind).
 */
export function recordAt(t: number, row: number, write: boolean): number {
  return row + t * Row.SLOT_STRIDE + (write ? Row.WRITE : Row.READ);
}

/** The site of the record at word `at` while it holds `epoch`, or NO_SITE. */
export function siteOfRecord(at: number, epoch: number): SiteId {
  const table = ctx.world.syncClockTable;
  const word = A.load(table, at + Row.SITE); // ordered before the record's second read, on ARM too
  if (A.load(table, at) !== epoch + 1 || word >>> SITE_BITS !== (epoch & TAG_MASK)) return NO_SITE;
  return asSite(word & SITE_MASK);
}

export function reportAtomicRace(b: BufferShadow, addr: number, size: number, flags: number, site: SiteId, view: object): void {
  onRace(b, addr, size, flags, site, view, raceCell, raceSite, raceAddr);
}

/**
 * The plain side: after a plain access of bytes `mask` of granule g was stamped and its
 * marked stripe released with a fence, checks it against the atomic records of the
 * granule, if it has any.
 */
export function plainMeetsAtomics(b: BufferShadow, g: number, mask: number, read: boolean,
  addr: number, size: number, site: SiteId, view: object): void {
  const list = findGranule(b.id, g);
  if (list === 0) return;
  const n = granuleCount(list);
  for (let k = 0; k < n; k++) {
    const m = granuleMask(list, k);
    if ((m & mask) === 0) continue;
    // A plain read meets atomic writes only; a plain write meets both.
    if (conflictingRecord(granuleLocation(list, k), m, g, !read)) {
      onRace(b, addr, size, read ? Cell.READ : 0, site, view, raceCell, raceSite, raceAddr);
      return;
    }
  }
}
