// The per-thread event history (ThreadSanitizer's trace): from it any thread can rebuild
// another thread's stack at the moment of an earlier access.
//
// Each thread slot owns a ring of 2-word events in shared memory:
//   ENTER  [ENTER | 0,   call site]   a function starts; the site is where it was called
//   EXIT   [EXIT  | n,   0]           the innermost n frames returned (or suspended)
//   SWAP   [SWAP  | n,   call site]   both: n frames returned, then a function started
//   ACCESS [ACCESS| site, epoch]      a shadow cell was stamped with (site, epoch)
// The ring is cut into parts of PART events; when a part begins, the stack the ring's
// events have built so far is copied into that part's snapshot, so replay can start at any
// retained part.
//
// Calls and returns only move this thread's own stack of call sites, `frames`, which
// instrumented code writes itself with typed-array stores, no runtime call (plugin.ts):
//   function f() {..}  -> const d = frames[DEPTH]; try {..} finally { frames[DEPTH] = d; }
//   g(x)               -> (frames[SITES + d] = site, frames[DEPTH] = d + 1,
//                          frames[LOW] > d && (frames[LOW] = d), v = g(x), frames[DEPTH] = d, v)
// where d, read once at the function's entry, is the depth of every call the function makes
// (all its calls are balanced, so the depth is the same between them). The ring learns of
// the stack when the next access is recorded, as one EXIT for the frames that have gone and
// an ENTER for each frame that is new, the EXIT and the first ENTER as one SWAP event (a
// loop calling one function after another then writes one event per access instead of
// two). LOW, the lowest frame written since the ring last caught up, tells which frames the
// ring may still hold as they were. A call that records no access writes nothing to the
// ring. Calls through runtime functions and enter/exit pairs cost about three times as
// much (a callStart, callEnd, enter and exit per call; callgrind and wall time), and their
// size kept V8 from inlining small instrumented methods into their callers.
//
// Invariants:
// - Only the owning thread writes its ring, snapshot and position; readers replay it racily
//   and may fail to restore (never crash, never report a wrong race).
// - An ACCESS event is written whenever a shadow cell is stored, and the events before it
//   replay to the stack of that moment, so the (site, epoch) of every cell has an event
//   with its stack as long as the ring still holds it.
// - The ring's replayed stack is the first `ringDepth` frames, except frames at and above
//   frames[LOW], which may have been rewritten since: every store to a frame also lowers LOW
//   to it, before anything can record an access, so frames below min(LOW, ringDepth) are
//   the ring's.
// - The position counts events ever written; ring index = position mod RING.
import { thread } from './thread-state';
import { ctx } from './context';
import { SiteId } from './types';
import { MAX_SLOTS } from './world';

// A const enum, so that tsc writes them as literals (see shadow-cell.ts): `position % PART`
// on every event is then a mask, not a division.
const enum Ring {
  PART = 128,
  MAX_DEPTH = 32,
  STACK = 1024,
}
const SNAPSHOT_WORDS = 1 + Ring.MAX_DEPTH; // depth, then the innermost call sites (outermost first)
const HEADER_WORDS = 4; // position, unused
const ENTER = 1 << 28;
const EXIT = 2 << 28;
const ACCESS = 3 << 28;
const SWAP = 4 << 28;
const TAG = 7 << 28;
const SITE = (1 << 28) - 1;

/** Events kept per thread for a history_size of 0..7 (Go's history_size scale). */
export function ringEvents(historySize: number): number {
  return 2048 << historySize;
}

export function historyWordsPerThread(historySize: number): number {
  const ring = ringEvents(historySize);
  return HEADER_WORDS + ring * 2 + (ring / Ring.PART) * SNAPSHOT_WORDS;
}

export function historyBytes(historySize: number): number {
  return MAX_SLOTS * historyWordsPerThread(historySize) * 4;
}

// This thread's ring. One object whose fields never change kind, rather than module `let`s:
// V8 tracks the type of a field, not of a `let`, so `words[i]` needs no map check. With
// access-sites.ts's table done the same way, an atomic operation ran about 60 instructions
// (3%) fewer (callgrind); the same change for `let`s holding numbers saved nothing.
const trace = {
  words: new Int32Array(0) as Int32Array<ArrayBufferLike>,
  base: 0,
  ring: 0,
  /** ring - 1: rings are powers of two, and the hot path has no division. */
  ringMask: 0,
  snapshotsAt: 0,
  position: 0,
  enabled: false,
};

/** Where instrumented code finds the depth, the lowest frame written, and the call sites. */
export const enum Frames {
  DEPTH = 0,
  LOW = 1,
  SITES = 2,
}

// This thread's stack of call sites (deeper than its length: only the depth grows). Exposed
// to instrumented code as `R.stack`.
export const frames = new Int32Array(Frames.SITES + Ring.STACK);
// The depth the ring's events replay to.
let ringDepth = 0;

export function attachHistory(history: SharedArrayBuffer | undefined, historySize: number): void {
  if (!history) return;
  const perThread = historyWordsPerThread(historySize);
  const base = thread.slot * perThread;
  const ring = ringEvents(historySize);
  trace.words = new Int32Array(history);
  trace.base = base;
  trace.ring = ring;
  trace.ringMask = ring - 1;
  trace.snapshotsAt = base + HEADER_WORDS + ring * 2;
  trace.position = 0;
  trace.words[base] = 0; // a reused slot starts a new history
  ringDepth = 0; // the ring starts with no frames: sync() writes the current ones
  trace.enabled = true;
}

/** Appends an event to the ring; recordAccess publishes the new position once, after its last. */
function event(a: number, b: number): void {
  const words = trace.words;
  const i = trace.base + HEADER_WORDS + (trace.position & trace.ringMask) * 2;
  words[i] = a;
  words[i + 1] = b;
  if (++trace.position % Ring.PART === 0) snapshot();
}

/** The ring's stack as this part begins, so replay can start here. */
function snapshot(): void {
  const words = trace.words;
  const at = trace.snapshotsAt + ((trace.position / Ring.PART) % (trace.ring / Ring.PART)) * SNAPSHOT_WORDS;
  words[at] = ringDepth;
  const kept = Math.min(ringDepth, Ring.MAX_DEPTH);
  for (let k = 0; k < kept; k++) words[at + 1 + k] = siteOfFrame(ringDepth - kept + k);
}

/** The call site of frame k (0 for a frame too deep to keep). */
function siteOfFrame(k: number): number {
  return k < Ring.STACK ? frames[Frames.SITES + k] : 0;
}

/** A shadow cell was just stamped with (site, epoch). */
export function recordAccess(site: SiteId): void {
  if (trace.enabled !== true) return;
  if (frames[Frames.DEPTH] !== ringDepth || frames[Frames.LOW] < ringDepth) sync();
  event(ACCESS | site, thread.epoch);
  trace.words[trace.base] = trace.position;
}

/**
 * Brings the ring's stack up to this thread's: one EXIT for the frames gone and an ENTER per
 * new one, or a SWAP for the frames gone and the first new one.
 */
function sync(): void {
  let depth = frames[Frames.DEPTH];
  if (depth < 0) depth = 0;
  let kept = frames[Frames.LOW];
  if (kept > depth) kept = depth;
  if (kept > ringDepth) kept = ringDepth;
  if (kept < 0) kept = 0;
  if (ringDepth > kept) {
    const gone = ringDepth - kept < SITE ? ringDepth - kept : SITE;
    // ringDepth before the event: a snapshot after it holds the ring's new stack.
    if (depth > kept) {
      ringDepth = kept + 1;
      event(SWAP | gone, siteOfFrame(kept));
    } else {
      ringDepth = kept;
      event(EXIT | gone, 0);
    }
  }
  while (ringDepth < depth) {
    const site = siteOfFrame(ringDepth);
    ringDepth++;
    event(ENTER, site);
  }
  frames[Frames.LOW] = depth;
}

/**
 * A call starts at `site` where instrumented code cannot keep a depth of its own (a default
 * parameter, a class field): returns the depth to give back to callEnd.
 */
export function callStart(site: number): number {
  const d = Math.max(frames[Frames.DEPTH], 0);
  if (frames[Frames.LOW] > d) frames[Frames.LOW] = d;
  frames[Frames.SITES + d] = site; // past the end, a typed array store does nothing
  frames[Frames.DEPTH] = d + 1;
  return d;
}

/** The call has returned; passes its value through. */
export function callEnd<T>(d: number, value: T): T {
  frames[Frames.DEPTH] = d;
  return value;
}

/** Replays slot's history to the access (site, epoch): the call sites, innermost first, or undefined. */
export function restoreStack(slot: number, site: number, epoch: number): number[] | undefined {
  if (!ctx.world.history) return undefined;
  const historySize = ctx.options.history_size;
  const perThread = historyWordsPerThread(historySize);
  const all = new Int32Array(ctx.world.history);
  const b = slot * perThread;
  const n = ringEvents(historySize);
  const end = all[b];
  const oldest = Math.max(0, end - n + Ring.PART); // the part being overwritten is not trusted
  let start = Math.ceil(oldest / Ring.PART) * Ring.PART;
  if (start >= end) start = end;
  const snap = b + HEADER_WORDS + n * 2 + ((start / Ring.PART) % (n / Ring.PART)) * SNAPSHOT_WORDS;
  const stack: number[] = [];
  if (start > 0) {
    const d = all[snap];
    const kept = Math.min(d, Ring.MAX_DEPTH);
    for (let k = 0; k < d - kept; k++) stack.push(0);
    for (let k = 0; k < kept; k++) stack.push(all[snap + 1 + k]);
  }
  for (let p = start; p < end; p++) {
    const i = b + HEADER_WORDS + (p % n) * 2;
    const a = all[i];
    const v = all[i + 1];
    switch (a & TAG) {
      case ENTER:
        stack.push(v);
        break;
      case EXIT:
        stack.length = Math.max(0, stack.length - (a & SITE));
        break;
      case SWAP:
        stack.length = Math.max(0, stack.length - (a & SITE));
        stack.push(v);
        break;
      case ACCESS:
        if ((a & SITE) === site && v === epoch) {
          // An intercepted method's call frame has its access's site (plugin.ts): the
          // access is the call, shown once.
          if (stack.length > 0 && stack[stack.length - 1] === site) stack.pop();
          return stack.reverse();
        }
        break;
    }
  }
  return undefined;
}
