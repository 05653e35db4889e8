// AccessSites: which site stamped a shadow cell. The stamping thread keeps it in a table of
// its own instead of beside the cell, so that shadow memory is a granule's two cells alone:
// 16 bytes per 8 bytes of shared memory. The price is a bounded table per thread, and that
// a report can lose the earlier access's line once its thread has stamped many cells since.
//
// Each thread slot owns `entries` entries in world.accessSites, three float64 words each:
//   word 0   the cell value stamped (shadow-cell.ts: slot, flags, bytes and epoch)
//   word 1   the cell's exact key: buffer id * 2^32 + the cell's float64 index in its shadow
//   word 2   the site (as the low Uint32 word)
// direct-mapped by a hash of the key (the hash keeps strided walks, such as a matrix
// column, from landing on one entry).
//
// Invariants:
// - Only the owning thread writes its table. It clears an entry's value before it changes
//   the site and key, and writes the new value last.
// - A reader trusts an entry only when its key equals the cell's exactly and its value,
//   read before and after the site, equals the cell's value: the value holds the slot and
//   the epoch, and the key the buffer and the cell, so an entry taken by any other stamp
//   answers NO_SITE, and a read that overlaps a rewrite sees a cleared or changed value.
//   The race check never reads the table, so the table can neither invent nor hide a race.
// - A slot's next thread keeps its table: entries of the slot's earlier threads still name
//   the cells those threads stamped.
import { MAX_SLOTS } from './world';
import { thread } from './thread-state';
import { NO_SITE, SiteId, Slot, asSite } from './types';

/** Entries per thread for a history_size of 0..7: 8192 at 0, doubling, at most 65536. */
export function accessSiteEntries(historySize: number): number {
  return Math.min(8192 << historySize, 1 << 16);
}

const ENTRY_WORDS = 3;

/** Bytes of the tables of all slots (world.accessSites): 24 per entry. */
export function accessSitesBytes(historySize: number): number {
  return MAX_SLOTS * accessSiteEntries(historySize) * ENTRY_WORDS * 8;
}

// All slots' tables; slot s's entries start at float64 word s * stride. Until a table is
// attached (or when none could be allocated), stamps go to a two-entry scratch table
// (stride 0) that no reader consults, so noteSite needs no test. One object rather than
// module `let`s, for the reason history.ts's `trace` gives.
const scratch = new Float64Array(2 * ENTRY_WORDS);
const sites = {
  values: scratch as Float64Array<ArrayBufferLike>,
  words: new Uint32Array(scratch.buffer) as Uint32Array<ArrayBufferLike>,
  /** The entry of a key: the top log2(entries) bits of its hash. */
  shift: 31,
  /** Float64 words per slot's table; 0: no table attached. */
  stride: 0,
};

export function attachAccessSites(table: SharedArrayBuffer | undefined, historySize: number): void {
  if (!table) return;
  const entries = accessSiteEntries(historySize);
  sites.values = new Float64Array(table);
  sites.words = new Uint32Array(table);
  sites.shift = 32 - Math.log2(entries);
  sites.stride = entries * ENTRY_WORDS;
}

/** The exact key of a cell: its buffer and its float64 index in the buffer's shadow (< 2^53). */
function keyOf(bufferId: number, cell: number): number {
  return bufferId * 4294967296 + cell;
}
/** The float64 word where the entry of a cell starts, in a table starting at `start`. */
function entryAt(start: number, bufferId: number, cell: number): number {
  const h = (cell ^ Math.imul(bufferId, 0x85ebca6b)) >>> 0;
  return start + (Math.imul(h, 0x9e3779b1) >>> sites.shift) * ENTRY_WORDS;
}

/** This thread just stamped `value` into float64 cell `cell` of buffer `bufferId`'s shadow at `site`. */
export function noteSite(bufferId: number, cell: number, value: number, site: SiteId): void {
  const values = sites.values;
  const at = entryAt(thread.slot * sites.stride, bufferId, cell);
  values[at] = 0;
  values[at + 1] = keyOf(bufferId, cell);
  sites.words[at * 2 + 4] = site;
  values[at] = value;
}

/** The site at which `slot` stamped `value` into that cell, or NO_SITE if its table no longer holds it. */
export function siteOfStamp(slot: Slot, bufferId: number, cell: number, value: number): SiteId {
  const { values, words, stride } = sites;
  if (stride === 0) return NO_SITE;
  const at = entryAt(slot * stride, bufferId, cell);
  if (values[at] !== value || values[at + 1] !== keyOf(bufferId, cell)) return NO_SITE;
  const site = words[at * 2 + 4];
  return values[at] === value ? asSite(site) : NO_SITE;
}

/** The entry a cell's site goes to, for tests: stamps of two cells with the same entry evict each other. */
export function entryIndex(bufferId: number, cell: number): number {
  return entryAt(0, bufferId, cell) / ENTRY_WORDS;
}
