// AccessSites: which site stamped a shadow cell. The stamping thread keeps it in a table of
// its own instead of beside the cell, so that shadow memory is a granule's two cells alone:
// 16 bytes per 8 bytes of shared memory. The price is a bounded table per thread, and that
// a report can lose the earlier access's line once its thread has stamped many cells since.
//
// Each thread slot owns `entries` entries in world.accessSites, two float64 words each:
//   word 0   the cell value stamped (shadow-cell.ts: slot, flags, bytes and epoch)
//   word 1   as two Uint32 words: the site, then the cell's key
// direct-mapped by a hash of the key: the cell's float64 index in its buffer's shadow,
// mixed with the buffer's id (the hash keeps strided walks, such as a matrix column, from
// landing on one entry).
//
// Invariants:
// - Only the owning thread writes its table, site and key before the value.
// - A reader trusts an entry only when its key and its value (read before and after the
//   site) equal the cell it asks about. The value holds the slot and the epoch, so an entry
//   taken by a later stamp answers NO_SITE. A read torn by a rewrite of the same entry at
//   that instant can misname a site; the race check never reads the table, so it can
//   neither invent nor hide a race.
// - A slot's next thread keeps its table: entries of the slot's earlier threads still name
//   the cells those threads stamped.
import { MAX_SLOTS } from './world';
import { thread } from './thread-state';
import { NO_SITE, SiteId, Slot, asSite } from './types';

/** Entries per thread for a history_size of 0..7: 8192 at 0, doubling, at most 65536. */
export function accessSiteEntries(historySize: number): number {
  return Math.min(8192 << historySize, 1 << 16);
}

/** Bytes of the tables of all slots (world.accessSites): 16 per entry. */
export function accessSitesBytes(historySize: number): number {
  return MAX_SLOTS * accessSiteEntries(historySize) * 16;
}

// All slots' tables; slot s's entries start at float64 word s * stride. Until a table is
// attached (or when none could be allocated), stamps go to a two-entry scratch table
// (stride 0) that no reader consults, so noteSite needs no test.
let values: Float64Array<ArrayBufferLike> = new Float64Array(4);
let words: Uint32Array<ArrayBufferLike> = new Uint32Array(values.buffer);
let attached = false;
let entries = 2;
let shift = 31; // the entry of a key: the top log2(entries) bits of its hash
let stride = 0;

export function attachAccessSites(table: SharedArrayBuffer | undefined, historySize: number): void {
  if (!table) return;
  values = new Float64Array(table);
  words = new Uint32Array(table);
  entries = accessSiteEntries(historySize);
  shift = 32 - Math.log2(entries);
  stride = entries * 2;
  attached = true;
}

function keyOf(bufferId: number, cell: number): number {
  return (cell ^ Math.imul(bufferId, 0x85ebca6b)) >>> 0;
}
/** The float64 word where entry of `key` starts, in a table starting at `start`. */
function entryAt(start: number, key: number): number {
  return start + (Math.imul(key, 0x9e3779b1) >>> shift) * 2;
}

/** This thread just stamped `value` into float64 cell `cell` of buffer `bufferId`'s shadow at `site`. */
export function noteSite(bufferId: number, cell: number, value: number, site: SiteId): void {
  const key = keyOf(bufferId, cell);
  const at = entryAt(thread.slot * stride, key);
  words[at * 2 + 2] = site;
  words[at * 2 + 3] = key;
  values[at] = value;
}

/** The site at which `slot` stamped `value` into that cell, or NO_SITE if its table no longer holds it. */
export function siteOfStamp(slot: Slot, bufferId: number, cell: number, value: number): SiteId {
  if (!attached) return NO_SITE;
  const key = keyOf(bufferId, cell);
  const at = entryAt(slot * stride, key);
  if (values[at] !== value || words[at * 2 + 3] !== key) return NO_SITE;
  const site = words[at * 2 + 2];
  return values[at] === value ? asSite(site) : NO_SITE;
}
