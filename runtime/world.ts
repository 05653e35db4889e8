// The world: every piece of detector state that all threads must see, kept in
// SharedArrayBuffers created once by the main thread and handed to each worker at boot.
//
// Invariants:
// - Only the main thread creates a World; workers attach to the same buffers.
// - Regions are fixed-size tables; a full table degrades detection (with one warning),
//   never correctness of the program.
// - Every index below is an Int32 word index into `control` unless said otherwise.

import { warnOnce } from './warn';

export const MAX_SLOTS = 512; // the main thread plus 511 workers alive at once
export const MAX_FILES = 8192;
export const MAX_BUFFERS = 65536;
export const MAX_SYNC = 16384;
export const DEDUPE_CAPACITY = 16384;
export const STRINGS_BYTES = 16 << 20;
/**
 * Lock stripes guarding shadow granules, shared by all buffers (buffer-shadow.ts stripeOf):
 * a buffer's shadow is then its cells alone, with no fixed cost per buffer. The stripes
 * buffer holds STRIPES lock words, then STRIPES marks: mark s is set once some granule on
 * stripe s holds an atomic location (sync.ts), and never cleared.
 */
export const STRIPES = 16384;
/** Where the stripe marks start in world.stripeWords. */
export const STRIPE_MARKS = STRIPES;

// Header words.
export const H_MAGIC = 0;
export const H_GLOBAL_LOCK = 1; // slots, files, buffers, strings
// words 2, 3, 4 and 6 are unused (they held waiter counts and atomic locations' locks)
export const H_REPORT_LOCK = 5; // report output and dedupe
export const H_NEXT_BUFFER = 7;
export const H_SLOTS_USED = 8; // high-water mark: clocks are joined over [0, H_SLOTS_USED)
export const H_FILE_COUNT = 9;
export const H_NEXT_SITE = 10;
export const H_STRING_CURSOR = 11;
export const H_RACES = 12;
export const H_SYNC_COUNT = 13;
export const H_HALT = 14;
export const H_REPORT_LOG = 16; // reports appended to the log so far
const HEADER_WORDS = 64;

export const SLOT_WORDS = 8;
export const S_STATE = 0; // SlotState
export const S_THREAD_ID = 1;
export const S_LAST_EPOCH = 2; // final epoch of the last thread that held the slot
export const S_STACK_OFF = 3; // creation stack (JSON frames, unmapped: stack.ts) in the string arena
export const S_STACK_LEN = 4;
export const S_PARENT = 5;

export const enum SlotState { Free = 0, Running = 1, Finished = 2 }

export const FILE_WORDS = 4; // base, count, strOff, strLen
export const BUFFER_WORDS = 4; // byteLength, stackOff, stackLen (unmapped frames), creator threadId
export const SYNC_WORDS = 4; // bufferId, byteOffset, size*4 + kind, the row of its granule's list (0: none)
/**
 * A sync row (sync.ts): its version word alone on the row's first cache line, then its lock
 * word (Row.HEAD words in all), then per slot SLOT_STRIDE words: the slot's clock entry,
 * and for an atomic location the slot's last atomic write and read of it and the sites of
 * those two (atomic-records.ts). Rows start on a cache line. Lock and the first slots' words
 * share the line every writer of the location takes anyway; the version has its own, so
 * that a load spinning on an unchanged version does not pull that line away from the writer
 * between each of its stores.
 */
export const enum Row {
  HEAD = 17,
  /** Where a row's lock word is: the word before its first slot's. */
  LOCK = 1,
  SLOT_STRIDE = 5,
  /** From a slot's clock entry: its W and R records, then the site words of W and R. */
  WRITE = 1,
  READ = 2,
  /** From a record word: the word of its site. */
  SITE = 2,
}
export const SYNC_ROW_WORDS = Row.HEAD + Row.SLOT_STRIDE * MAX_SLOTS + 15; // a whole number of cache lines

export const SLOTS_AT = HEADER_WORDS;
export const FILES_AT = SLOTS_AT + MAX_SLOTS * SLOT_WORDS;
export const BUFFERS_AT = FILES_AT + MAX_FILES * FILE_WORDS;
export const DEDUPE_AT = BUFFERS_AT + MAX_BUFFERS * BUFFER_WORDS;
export const SYNC_AT = DEDUPE_AT + DEDUPE_CAPACITY * 2;
export const REPORT_LOG_SIZE = 1024; // the text of each report, for test runners (a ring)
export const REPORT_LOG_AT = SYNC_AT + MAX_SYNC * SYNC_WORDS;
const CONTROL_WORDS = REPORT_LOG_AT + REPORT_LOG_SIZE * 2;

const MAGIC = 0x6a737263; // "jsrc"

export interface WorldBuffers {
  control: SharedArrayBuffer;
  clocks: SharedArrayBuffer;
  syncClocks: SharedArrayBuffer;
  strings: SharedArrayBuffer;
  /** The shadow lock stripes and their marks: 2 * STRIPES Int32 words. */
  stripes: SharedArrayBuffer;
  /** Per-thread tables of the sites that stamped shadow cells (runtime/access-sites.ts); absent when it could not be allocated. */
  accessSites?: SharedArrayBuffer;
  /** Per-thread event histories (runtime/history.ts); absent when it could not be allocated. */
  history?: SharedArrayBuffer;
}

export interface World extends WorldBuffers {
  header: Int32Array; // the whole control block as Int32 words
  /** clocks row r (thread slot r) is clockTable.subarray(r*MAX_SLOTS, (r+1)*MAX_SLOTS) */
  clockTable: Uint32Array;
  syncClockTable: Uint32Array;
  /** syncClocks as Int32 words, for the row locks (Atomics.wait takes no Uint32Array). */
  syncWords: Int32Array;
  stringBytes: Uint8Array;
  stripeWords: Int32Array;
}

export function createWorld(historyBytes: number, accessSitesBytes: number): World {
  let history: SharedArrayBuffer | undefined;
  try {
    history = new SharedArrayBuffer(historyBytes);
  } catch {
    warnOnce('history-memory', `no memory for a ${historyBytes}-byte history; previous stacks will not be restored`);
  }
  let accessSites: SharedArrayBuffer | undefined;
  try {
    accessSites = new SharedArrayBuffer(accessSitesBytes);
  } catch {
    warnOnce('sites-memory', `no memory for ${accessSitesBytes} bytes of access sites; reports will not name the earlier access's line`);
  }
  const buffers: WorldBuffers = {
    control: new SharedArrayBuffer(CONTROL_WORDS * 4),
    clocks: new SharedArrayBuffer(MAX_SLOTS * MAX_SLOTS * 4),
    syncClocks: new SharedArrayBuffer(MAX_SYNC * SYNC_ROW_WORDS * 4),
    strings: new SharedArrayBuffer(STRINGS_BYTES),
    stripes: new SharedArrayBuffer(2 * STRIPES * 4),
    accessSites,
    history,
  };
  const world = attachWorld(buffers);
  world.header[H_MAGIC] = MAGIC;
  world.header[H_NEXT_BUFFER] = 1;
  world.header[H_NEXT_SITE] = 1;
  world.header[H_STRING_CURSOR] = 0;
  return world;
}

export function attachWorld(b: WorldBuffers): World {
  return {
    ...b,
    header: new Int32Array(b.control),
    clockTable: new Uint32Array(b.clocks),
    syncClockTable: new Uint32Array(b.syncClocks),
    syncWords: new Int32Array(b.syncClocks),
    stringBytes: new Uint8Array(b.strings),
    stripeWords: new Int32Array(b.stripes),
  };
}

export function isWorldBuffers(v: unknown): v is WorldBuffers {
  const o = v as WorldBuffers | null;
  return !!o && o.control instanceof SharedArrayBuffer && o.clocks instanceof SharedArrayBuffer &&
    o.syncClocks instanceof SharedArrayBuffer && o.strings instanceof SharedArrayBuffer &&
    o.stripes instanceof SharedArrayBuffer &&
    new Int32Array(o.control)[H_MAGIC] === MAGIC;
}
