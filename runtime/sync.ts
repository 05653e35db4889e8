// Sync variables: one vector clock per atomic location (buffer, byte offset, size) and one
// per waiter list (buffer, byte offset), in shared memory so that a release in one thread
// is seen by an acquire in any other; and per 8-byte granule that holds atomic locations,
// the list of them (for the race checks of atomic-records.ts).
//
// Invariants:
// - A row's clock is read and written under the row's own lock word (word-lock.ts),
//   together with the atomic operation it describes, so the clock a load acquires is
//   exactly the one published by the store whose value it read. Lock-free loads read it
//   as a seqlock's reader (below).
// - Table entries are inserted under the global lock and never change: a published entry
//   (its buffer id stored last) can be found without a lock, and each thread keeps the
//   index it found in a small direct-mapped cache.
// - Locations are keyed by their exact byte range: atomics of different sizes over the
//   same bytes never synchronize (the memory model's same-range rule).
// - A location is in its granule's list, and the granule's stripe is marked, before the
//   location's entry is published: whoever can operate on the location can be found by a
//   plain access to the same bytes.
// - Entry 0 is a shared overflow row used when the table is full: it over-synchronizes,
//   which can only hide races, never invent them; its locations are in no granule list.
import { ctx } from './context';
import { thread } from './thread-state';
import { A, TSO } from './intrinsics';
import { H_SYNC_COUNT, MAX_SLOTS, MAX_SYNC, Row, STRIPE_MARKS, SYNC_AT, SYNC_ROW_WORDS, SYNC_WORDS } from './world';
import { stripeAt, stripeBaseOf } from './buffer-shadow';
import { byteMask } from './shadow-cell';
import { SHORT_NAP_MS, lockWord, unlockWord, unlockWordUnfenced } from './word-lock';
import { warnOnce } from './warn';

export const enum SyncKind { Location = 0, Waiters = 1, Granule = 2 }

// This thread's direct-mapped cache of table indices: no Map, no allocation on the hot path.
// A key is exact (below 2^53 for buffer ids < 2^15); a collision only costs a table probe.
const CACHE = 4096;
const cachedKeys = new Float64Array(CACHE).fill(-1);
const cachedRows = new Int32Array(CACHE);
// Per cache entry, the version of the location's row this thread last acquired (NaN: none).
const seenVersions = new Float64Array(CACHE).fill(NaN);
// Per cache entry of a location, the row of its granule's list (0: in none).
const cachedGranules = new Int32Array(CACHE);
// Per cache entry of a location, the stamps (epoch + 1) of this thread's last atomic write
// and read of it, as stored in its row (atomic-records.ts): only this thread writes those
// words, so a private copy is exact, and a spinning load need not read the row's line,
// which the location's writers keep taking for their lock and clock.
const ownWrites = new Float64Array(CACHE);
const ownReads = new Float64Array(CACHE);
// The cache entry of the row the last syncRow call returned (-1: not cached).
let lastEntry = -1;

/** The table index of a sync variable, or -1 if it has none (0: it hashes to no free entry). */
function find(bufferId: number, byteOffset: number, sizeKind: number): number {
  const h = ctx.world.header;
  let i = hashOf(bufferId, byteOffset, sizeKind);
  for (let probe = 0; probe < MAX_SYNC - 1; probe++, i = (i + 1) % (MAX_SYNC - 1)) {
    const at = SYNC_AT + (i + 1) * SYNC_WORDS;
    const id = A.load(h, at);
    if (id === 0) return -1;
    if (id === bufferId && h[at + 1] === byteOffset && h[at + 2] === sizeKind) return i + 1;
  }
  return -1;
}

function hashOf(bufferId: number, byteOffset: number, sizeKind: number): number {
  return (((bufferId * 0x9e3779b1) ^ (byteOffset * 0x85ebca6b) ^ sizeKind) >>> 0) % (MAX_SYNC - 1);
}

/**
 * Under the global lock: the table index of a sync variable, inserted if missing (0: the
 * table is full). A new location joins its granule's list first.
 */
function findOrInsert(bufferId: number, byteOffset: number, size: number, kind: SyncKind): number {
  const sizeKind = size * 4 + kind;
  const found = find(bufferId, byteOffset, sizeKind);
  if (found >= 0) return found;
  const h = ctx.world.header;
  if (h[H_SYNC_COUNT] >= (MAX_SYNC * 3) / 4) return 0;
  const granule = kind === SyncKind.Location ? findOrInsert(bufferId, byteOffset & ~7, 0, SyncKind.Granule) : 0;
  if (kind === SyncKind.Location && granule === 0) {
    warnOnce('sync-full', 'too many distinct atomic locations; some races may be missed');
  }
  let i = hashOf(bufferId, byteOffset, sizeKind);
  while (h[SYNC_AT + (i + 1) * SYNC_WORDS] !== 0) i = (i + 1) % (MAX_SYNC - 1);
  const at = SYNC_AT + (i + 1) * SYNC_WORDS;
  h[at + 1] = byteOffset;
  h[at + 2] = sizeKind;
  h[at + 3] = granule === 0 ? 0 : rowOf(granule);
  if (granule !== 0) joinGranule(rowOf(granule), rowOf(i + 1), byteMask(byteOffset & 7, size), bufferId, byteOffset >>> 3);
  A.store(h, at, bufferId); // publishes the entry
  A.add(h, H_SYNC_COUNT, 1);
  return i + 1;
}

// A granule's list, in its Granule row: word 0 the count n, then n pairs (location row,
// byte mask). At most 15 locations fit in 8 bytes (8 + 4 + 2 + 1 ranges). The word after
// the 15 pairs is 1 once two of the list's locations share a byte: until then no atomic of
// the granule can race with another (an Int32Array's granule holds two disjoint ones).
const OVERLAPS = 1 + 2 * 15;

/** Adds a location to its granule's list and marks the granule's stripe (under the global lock). */
function joinGranule(list: number, location: number, mask: number, bufferId: number, g: number): void {
  const table = ctx.world.syncClockTable;
  const n = table[list];
  for (let k = 0; k < n; k++) if ((table[list + 2 + 2 * k] & mask) !== 0) table[list + OVERLAPS] = 1;
  table[list + 1 + 2 * n] = location;
  table[list + 2 + 2 * n] = mask;
  A.store(table, list, n + 1); // publishes the pair and the overlap word with it
  const stripe = stripeAt(stripeBaseOf(bufferId), g);
  A.store(ctx.world.stripeWords, STRIPE_MARKS + stripe, 1);
  // A plain access reads the mark under its stripe and, finding none, unlocks without a
  // fence and skips the records (shadow.ts). Passing through the stripe once orders every
  // such access before this location exists (its check then sees their cells), or after
  // the mark (it then checks the records). Safe under the global lock: a stripe's holder
  // takes no other lock.
  lockWord(ctx.world.stripeWords, stripe, SHORT_NAP_MS);
  unlockWord(ctx.world.stripeWords, stripe);
}

/** How many locations a granule's list holds. */
export function granuleCount(list: number): number {
  return A.load(ctx.world.syncClockTable, list);
}
/**
 * Whether two locations of a granule's list share a byte. Written before the count that
 * publishes it, so a reader that could see a new location's count sees its overlap too.
 */
export function granuleOverlaps(list: number): boolean {
  return ctx.world.syncClockTable[list + OVERLAPS] !== 0;
}
/** The row of the k-th location in a granule's list. */
export function granuleLocation(list: number, k: number): number {
  return ctx.world.syncClockTable[list + 1 + 2 * k];
}
/** The byte mask of the k-th location in a granule's list. */
export function granuleMask(list: number, k: number): number {
  return ctx.world.syncClockTable[list + 2 + 2 * k];
}

/** The row of table entry `index`: where its per-slot words start, after version and lock. */
function rowOf(index: number): number {
  return index * SYNC_ROW_WORDS + Row.HEAD;
}
/** The shared overflow row (table entry 0). */
const OVERFLOW_ROW = rowOf(0);

/**
 * The row of one sync variable in ctx.world.syncClockTable (its per-slot words start
 * there, version and lock before it). Call before taking any lock: it may take the
 * global lock to insert the variable.
 */
export function syncRow(bufferId: number, byteOffset: number, size: number, kind: SyncKind): number {
  const sizeKind = size * 4 + kind;
  const key = cacheKeyOf(bufferId, byteOffset, sizeKind);
  const slot = cacheSlotOf(bufferId, byteOffset, sizeKind);
  if (cachedKeys[slot] === key) {
    lastEntry = slot;
    return cachedRows[slot];
  }
  lastEntry = -1;
  let index = find(bufferId, byteOffset, sizeKind);
  if (index < 0) {
    ctx.globalLock.lock();
    try {
      index = findOrInsert(bufferId, byteOffset, size, kind);
    } finally {
      ctx.globalLock.unlock();
    }
  }
  if (index === 0) {
    warnOnce('sync-full', 'too many distinct atomic locations; some races may be missed');
    return OVERFLOW_ROW;
  }
  cache(slot, key, index);
  lastEntry = slot;
  return rowOf(index);
}

/** The cache entry of the row the last syncRow call returned (-1: none), for reuseRow. */
export function lastSyncEntry(): number {
  return lastEntry;
}

/**
 * syncRow again, for a row an earlier call returned from cache entry `entry`: true, and the
 * row is the last call's, while the entry still holds it.
 */
export function reuseRow(entry: number, row: number): boolean {
  if (!holdsRow(entry, row)) return false;
  lastEntry = entry;
  return true;
}

/** Whether cache entry `entry` (-1: none) still holds `row`: a row belongs to one variable. */
function holdsRow(entry: number, row: number): boolean {
  return entry >= 0 && cachedRows[entry] === row;
}

// A sync variable's exact key in the cache above, and its slot.
function cacheKeyOf(bufferId: number, byteOffset: number, sizeKind: number): number {
  return (bufferId * 4294967296 + byteOffset) * 64 + sizeKind;
}
function cacheSlotOf(bufferId: number, byteOffset: number, sizeKind: number): number {
  return (Math.imul(bufferId, 0x9e3779b1) ^ Math.imul(byteOffset, 0x85ebca6b) ^ sizeKind) & (CACHE - 1);
}
/** Caches table entry `index` in `slot`, with no version seen yet. */
function cache(slot: number, key: number, index: number): void {
  cachedKeys[slot] = key;
  cachedRows[slot] = rowOf(index);
  cachedGranules[slot] = ctx.world.header[SYNC_AT + index * SYNC_WORDS + 3];
  seenVersions[slot] = NaN;
  ownWrites[slot] = 0;
  ownReads[slot] = 0;
}

/**
 * Whether this thread's record in `row` (that of the last syncRow call), whose write word
 * is `mine` and read word the next, already holds `stamp`: as a write, or for a read as a
 * read or a write (which says more). The row's own words answer when the cache does not.
 */
export function ownRecordHolds(row: number, mine: number, write: boolean, stamp: number): boolean {
  let w: number;
  let r: number;
  if (holdsRow(lastEntry, row)) {
    w = ownWrites[lastEntry];
    r = ownReads[lastEntry];
  } else {
    w = ctx.world.syncClockTable[mine];
    r = ctx.world.syncClockTable[mine + 1];
  }
  return w === stamp || (write !== true && r === stamp);
}

/** This thread just stored `stamp` as its record in `row` (that of the last syncRow call). */
export function ownRecordStored(row: number, write: boolean, stamp: number): void {
  if (!holdsRow(lastEntry, row)) return;
  if (write === true) ownWrites[lastEntry] = stamp;
  else ownReads[lastEntry] = stamp;
}

/** The granule list of the location of the last syncRow call (0: none). */
export function lastGranule(): number {
  return lastEntry < 0 ? 0 : cachedGranules[lastEntry];
}

/** The list of atomic locations in granule g of a buffer, or 0 if it has none. Takes no lock. */
export function findGranule(bufferId: number, g: number): number {
  const byteOffset = g * 8;
  const sizeKind = SyncKind.Granule;
  const key = cacheKeyOf(bufferId, byteOffset, sizeKind);
  const slot = cacheSlotOf(bufferId, byteOffset, sizeKind);
  if (cachedKeys[slot] === key) return cachedRows[slot];
  const index = find(bufferId, byteOffset, sizeKind);
  if (index <= 0) return 0; // not cached: the granule may gain a list later
  cache(slot, key, index);
  return rowOf(index);
}

/**
 * Takes a row's lock, the word before its slots' (see word-lock.ts). Its unlock need not be
 * a fence: what a holder stores (clock, version, record) is only read in order with the
 * lock or the version, and the records' own fences are the records' stores.
 */
export function lockRow(row: number): void {
  lockWord(ctx.world.syncWords, row - Row.LOCK, SHORT_NAP_MS);
}
export function unlockRow(row: number): void {
  unlockWordUnfenced(ctx.world.syncWords, row - Row.LOCK);
}

// Versions of location rows, for loads that take no lock (a seqlock):
// - a load makes its location WATCHED (under the row lock) the first time it needs the lock,
//   and from then on may read it without;
// - an operation that may write a WATCHED location makes the row's version odd before the
//   value changes (beginWrite) and even again once the row holds its release (endWrite),
//   both under the row lock; for a location no load has watched (a counter only ever added
//   to, a mutex word) writers leave the version alone and save two atomic stores;
// - a load that reads the same even, WATCHED version before and after reading the value
//   and the row's clock read a value together with the release that wrote it.
// WATCHED is set under the row lock and never cleared, so every writer that takes the lock
// after the load that set it keeps the version.

export const enum Version {
  /** Bit of a version word: some load reads the location without the lock. */
  WATCHED = 1 << 30,
  COUNT = WATCHED - 1,
}

/** Where the version of a row is kept in ctx.world.syncClockTable: its own cache line (world.ts). */
export function versionAt(row: number): number {
  return row - Row.HEAD;
}

/**
 * A seqlock reader's read of a version or clock word, in program order with its other
 * reads. On x86 a plain load is enough: loads are not reordered with loads, and V8 keeps
 * typed-array loads in order on its effect chain and reloads after any call. Each
 * Atomics.load call costs about 100 instructions, and a lock-free load made two to five.
 */
export function readOrdered(table: Uint32Array, at: number): number {
  return TSO ? table[at] : A.load(table, at);
}

/**
 * A writer is about to change the location's value (call under the row lock): if a load
 * watches the row, the version turns odd. Returns whether it does, for endWrite: the answer
 * holds until the lock is released, since WATCHED is only set under it. An unwatched row (a
 * counter only ever added to, a mutex word) costs its writers this one read.
 */
export function beginWrite(row: number): boolean {
  const table = ctx.world.syncClockTable;
  const at = versionAt(row);
  const v = table[at]; // exact: only holders of the row lock change it
  if ((v & Version.WATCHED) === 0) return false;
  storeVersion(table, at, v);
  return true;
}

/** The writer is done with value and clock (call under the row lock): the version turns even. */
export function endWrite(row: number, watched: boolean): void {
  if (watched !== true) return;
  const table = ctx.world.syncClockTable;
  const at = versionAt(row);
  storeVersion(table, at, table[at]);
}

/** Stores the version after `v`, which is WATCHED. */
function storeVersion(table: Uint32Array, at: number, v: number): void {
  // On x86 a plain store is enough: the odd version is a store before the value's (a locked
  // instruction), the even one a store after the clock's; stores stay in that order.
  if (TSO) table[at] = ((v + 1) & Version.COUNT) | Version.WATCHED;
  else A.store(table, at, ((v + 1) & Version.COUNT) | Version.WATCHED);
}

/** A load is about to read the location without the lock from now on (call under the row lock). */
export function watch(row: number): void {
  const table = ctx.world.syncClockTable;
  const at = versionAt(row);
  const v = table[at];
  if ((v & Version.WATCHED) === 0 && row !== OVERFLOW_ROW) A.store(table, at, v | Version.WATCHED);
}

/** The version this thread acquired last for the row of the last syncRow call, or NaN. */
export function seenVersion(): number {
  return lastEntry < 0 ? NaN : seenVersions[lastEntry];
}

/** Under the row lock, after acquiring the row of the last syncRow call: remember its version. */
export function noteVersion(row: number): void {
  if (lastEntry >= 0 && row !== OVERFLOW_ROW) seenVersions[lastEntry] = ctx.world.syncClockTable[versionAt(row)];
}

const snapshot = new Uint32Array(MAX_SLOTS);

/**
 * A seqlock reader's acquire, without the lock, for the row of the last syncRow call:
 * copies the row's clock, and only if its version is still `version` (even, read before the
 * caller read the value) joins the copy into this thread's clock. False: a writer came
 * between, take the lock instead.
 */
export function acquireUnlocked(row: number, version: number): boolean {
  const table = ctx.world.syncClockTable;
  // Read after the version, so it counts every slot whose release the row holds: a slot is
  // counted before its thread runs. On x86 a plain load keeps that order, as readOrdered's
  // do, and spares an Atomics.load call (about 100 instructions).
  const n = TSO ? thread.slotsUsedLocked() : thread.slotsUsed();
  // Ordered reads, so that none is moved past the version check below.
  for (let i = 0; i < n; i++) snapshot[i] = readOrdered(table, row + i * Row.SLOT_STRIDE);
  if (readOrdered(table, versionAt(row)) !== version || row === OVERFLOW_ROW) return false;
  const clock = thread.clock;
  for (let i = 0; i < n; i++) if (snapshot[i] > clock[i]) clock[i] = snapshot[i];
  if (lastEntry >= 0) seenVersions[lastEntry] = version;
  return true;
}

// Clocks are joined and copied over the slots in use: entries at and above it are zero.

/** This thread now knows everything the sync variable's releasers knew. */
export function acquire(row: number): void {
  const table = ctx.world.syncClockTable;
  const clock = thread.clock;
  const n = thread.slotsUsedLocked();
  for (let i = 0; i < n; i++) {
    const v = table[row + i * Row.SLOT_STRIDE];
    if (v > clock[i]) clock[i] = v;
  }
}

/**
 * A read-modify-write's acquire and release in one pass: this thread and the sync variable
 * both end with the join of their clocks (the row takes this thread's clock after the
 * acquire, as releaseStore would), except the row's own entry, which is releaseEpoch().
 */
export function acquireRelease(row: number): void {
  const table = ctx.world.syncClockTable;
  const clock = thread.clock;
  const n = thread.slotsUsedLocked();
  for (let i = 0; i < n; i++) {
    const at = row + i * Row.SLOT_STRIDE;
    const v = table[at];
    const c = clock[i];
    if (v > c) clock[i] = v;
    else if (v !== c) table[at] = c;
  }
  table[row + thread.slot * Row.SLOT_STRIDE] = thread.releaseEpoch();
}

/** The sync variable now carries exactly this thread's knowledge (a store's release). */
export function releaseStore(row: number): void {
  const table = ctx.world.syncClockTable;
  const clock = thread.clock;
  const n = thread.slotsUsedLocked();
  for (let i = 0; i < n; i++) table[row + i * Row.SLOT_STRIDE] = clock[i];
  table[row + thread.slot * Row.SLOT_STRIDE] = thread.releaseEpoch();
}

/**
 * A writer's last step under the row lock: the row takes this thread's release, and if the
 * row is `watched` (beginWrite's answer), its version turns even again and this thread
 * remembers that version (the row holds its own clock).
 */
export function publishWrite(row: number, watched: boolean): void {
  releaseStore(row);
  finishWrite(row, watched);
}

/**
 * After the row took this thread's release (acquireRelease): as publishWrite. Only a watched
 * version is worth remembering: loads compare it only with a WATCHED one.
 */
export function finishWrite(row: number, watched: boolean): void {
  if (watched !== true) return;
  endWrite(row, true);
  noteVersion(row);
}

/** The sync variable adds this thread's knowledge to what it had (waiter lists). */
export function releaseJoin(row: number): void {
  // Our own entry is what a release may publish, not our current epoch: when nothing
  // carries the current epoch yet, the next access gets it and must not look published.
  const table = ctx.world.syncClockTable;
  const clock = thread.clock;
  const own = table[row + thread.slot * Row.SLOT_STRIDE];
  const n = thread.slotsUsedLocked();
  for (let i = 0; i < n; i++) {
    const v = clock[i];
    if (v > table[row + i * Row.SLOT_STRIDE]) table[row + i * Row.SLOT_STRIDE] = v;
  }
  table[row + thread.slot * Row.SLOT_STRIDE] = Math.max(own, thread.releaseEpoch());
}
