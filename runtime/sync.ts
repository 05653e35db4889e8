// Sync variables: one vector clock per atomic location (buffer, byte offset, size) and one
// per waiter list (buffer, byte offset), in shared memory so that a release in one thread
// is seen by an acquire in any other.
//
// Invariants:
// - A location's sync clocks are read and written under its granule's shadow lock stripe,
//   together with the atomic operation they describe, so the clock a load acquires is
//   exactly the one published by the store whose value it read.
// - Table entries are inserted under the global lock and never change: a published entry
//   (its buffer id stored last) can be found without a lock, and each thread keeps the
//   index it found in a small direct-mapped cache.
// - Locations are keyed by their exact byte range: atomics of different sizes over the
//   same bytes never synchronize (the memory model's same-range rule).
// - Entry 0 is a shared overflow clock used when the table is full: it over-synchronizes,
//   which can only hide races, never invent them.
import { ctx } from './context';
import { thread } from './thread-state';
import { A } from './intrinsics';
import { H_SYNC_COUNT, MAX_SLOTS, MAX_SYNC, SYNC_AT, SYNC_ROW_WORDS, SYNC_WORDS } from './world';
import { warnOnce } from './warn';

export const enum SyncKind { Location = 0, Waiters = 1 }

// This thread's direct-mapped cache of table indices: no Map, no allocation on the hot path.
// A key is exact (below 2^53 for buffer ids < 2^15); a collision only costs a table probe.
const CACHE = 4096;
const cachedKeys = new Float64Array(CACHE).fill(-1);
const cachedRows = new Int32Array(CACHE);
// Per cache entry, the version of the location's row this thread last acquired (NaN: none).
const seenVersions = new Float64Array(CACHE).fill(NaN);
// The cache entry of the row the last syncRow call returned (-1: not cached).
let lastEntry = -1;

/** The table index of a sync variable: found, or inserted (0: the table is full). */
function findOrInsert(bufferId: number, byteOffset: number, sizeKind: number, insert: boolean): number {
  const h = ctx.world.header;
  let i = (((bufferId * 0x9e3779b1) ^ (byteOffset * 0x85ebca6b) ^ sizeKind) >>> 0) % (MAX_SYNC - 1);
  for (let probe = 0; probe < MAX_SYNC - 1; probe++, i = (i + 1) % (MAX_SYNC - 1)) {
    const at = SYNC_AT + (i + 1) * SYNC_WORDS;
    const id = A.load(h, at);
    if (id === 0) {
      if (!insert || A.load(h, H_SYNC_COUNT) >= (MAX_SYNC * 3) / 4) return insert ? 0 : -1;
      h[at + 1] = byteOffset;
      h[at + 2] = sizeKind;
      A.store(h, at, bufferId); // publishes the entry
      A.add(h, H_SYNC_COUNT, 1);
      return i + 1;
    }
    if (id === bufferId && h[at + 1] === byteOffset && h[at + 2] === sizeKind) return i + 1;
  }
  return insert ? 0 : -1;
}

/** The row of table entry `index`: where its clock starts, just after its version word. */
function rowOf(index: number): number {
  return index * SYNC_ROW_WORDS + 1;
}
/** The shared overflow row (table entry 0). */
const OVERFLOW_ROW = rowOf(0);

/**
 * Where the clock of one sync variable starts in ctx.world.syncClockTable (MAX_SLOTS
 * entries, preceded by the row's version). Call under the location's granule stripe.
 */
export function syncRow(bufferId: number, byteOffset: number, size: number, kind: SyncKind): number {
  const sizeKind = (size << 1) | kind;
  const key = (bufferId * 4294967296 + byteOffset) * 64 + sizeKind;
  const slot = (Math.imul(bufferId, 0x9e3779b1) ^ Math.imul(byteOffset, 0x85ebca6b) ^ sizeKind) & (CACHE - 1);
  if (cachedKeys[slot] === key) {
    lastEntry = slot;
    return cachedRows[slot];
  }
  lastEntry = -1;
  let index = findOrInsert(bufferId, byteOffset, sizeKind, false);
  if (index < 0) {
    ctx.globalLock.lock(thread.slot);
    try {
      index = findOrInsert(bufferId, byteOffset, sizeKind, true);
    } finally {
      ctx.globalLock.unlock();
    }
  }
  if (index === 0) {
    warnOnce('sync-full', 'too many distinct atomic locations; some races may be missed');
    return OVERFLOW_ROW;
  }
  cachedKeys[slot] = key;
  cachedRows[slot] = rowOf(index);
  seenVersions[slot] = NaN;
  lastEntry = slot;
  return rowOf(index);
}

// Versions of location rows, for loads that take no lock (a seqlock):
// - a load makes its location WATCHED (under the stripe) the first time it needs the stripe,
//   and from then on may read it without;
// - an operation that may write a WATCHED location makes the row's version odd before the
//   value changes (beginWrite) and even again once the row holds its release (endWrite),
//   both under the stripe; for a location no load has watched (a counter only ever added
//   to, a mutex word) writers leave the version alone and save two atomic stores;
// - a load that reads the same even, WATCHED version before and after reading the value
//   and the row's clock read a value together with the release that wrote it.
// WATCHED is set under the stripe and never cleared, so every writer that takes the stripe
// after the load that set it keeps the version.

/** Bit of a version word: some load reads the location without the stripe. */
export const WATCHED = 1 << 30;
const COUNT = WATCHED - 1;

/** Where the version of a row is kept in ctx.world.syncClockTable: the word before its clock. */
export function versionAt(row: number): number {
  return row - 1;
}

/** A writer is about to change the location's value (call under its stripe): the version turns odd. */
export function beginWrite(row: number): void {
  bumpVersion(row);
}

/** The writer is done with value and clock (call under its stripe): the version turns even. */
export function endWrite(row: number): void {
  bumpVersion(row);
}

function bumpVersion(row: number): void {
  const table = ctx.world.syncClockTable;
  const at = versionAt(row);
  const v = table[at]; // exact: only holders of the stripe change it
  if ((v & WATCHED) !== 0) A.store(table, at, ((v + 1) & COUNT) | WATCHED);
}

/** A load is about to read the location without the stripe from now on (call under its stripe). */
export function watch(row: number): void {
  const table = ctx.world.syncClockTable;
  const at = versionAt(row);
  const v = table[at];
  if ((v & WATCHED) === 0 && row !== OVERFLOW_ROW) A.store(table, at, v | WATCHED);
}

/** The version this thread acquired last for the row of the last syncRow call, or NaN. */
export function seenVersion(): number {
  return lastEntry < 0 ? NaN : seenVersions[lastEntry];
}

/** Under the stripe, after acquiring the row of the last syncRow call: remember its version. */
export function noteVersion(row: number): void {
  if (lastEntry >= 0 && row !== OVERFLOW_ROW) seenVersions[lastEntry] = ctx.world.syncClockTable[versionAt(row)];
}

const snapshot = new Uint32Array(MAX_SLOTS);

/**
 * A seqlock reader's acquire, without the stripe, for the row of the last syncRow call:
 * copies the row's clock, and only if its version is still `version` (even, read before the
 * caller read the value) joins the copy into this thread's clock. False: a writer came
 * between, take the stripe instead.
 */
export function acquireUnlocked(row: number, version: number): boolean {
  const table = ctx.world.syncClockTable;
  const n = thread.slotsUsed();
  // Atomic loads, so that none is moved past the version check below.
  for (let i = 0; i < n; i++) snapshot[i] = A.load(table, row + i);
  if (A.load(table, versionAt(row)) !== version || row === OVERFLOW_ROW) return false;
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
    const v = table[row + i];
    if (v > clock[i]) clock[i] = v;
  }
}

/** The sync variable now carries exactly this thread's knowledge (a store's release). */
export function releaseStore(row: number): void {
  const table = ctx.world.syncClockTable;
  const clock = thread.clock;
  const n = thread.slotsUsedLocked();
  for (let i = 0; i < n; i++) table[row + i] = clock[i];
  table[row + thread.slot] = thread.releaseEpoch();
}

/**
 * A writer's last step under the stripe: the row takes this thread's release, its version
 * turns even again, and this thread remembers that version (the row holds its own clock).
 */
export function publishWrite(row: number): void {
  releaseStore(row);
  endWrite(row);
  noteVersion(row);
}

/** The sync variable adds this thread's knowledge to what it had (waiter lists). */
export function releaseJoin(row: number): void {
  // Our own entry is what a release may publish, not our current epoch: when nothing
  // carries the current epoch yet, the next access gets it and must not look published.
  const table = ctx.world.syncClockTable;
  const clock = thread.clock;
  const own = table[row + thread.slot];
  const n = thread.slotsUsedLocked();
  for (let i = 0; i < n; i++) {
    const v = clock[i];
    if (v > table[row + i]) table[row + i] = v;
  }
  table[row + thread.slot] = Math.max(own, thread.releaseEpoch());
}
