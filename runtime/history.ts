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
// Calls and returns only move this thread's own stack of call sites; the ring learns of
// them when the next access is recorded, as one EXIT for the frames that have gone and an
// ENTER for each frame that is new, the EXIT and the first ENTER as one SWAP event (a loop
// calling one function after another then writes one event per access instead of two). A
// call that records no access writes nothing, and a hot loop of small calls costs two local
// stores per call.
//
// Invariants:
// - Only the owning thread writes its ring, snapshot and position; readers replay it racily
//   and may fail to restore (never crash, never report a wrong race).
// - An ACCESS event is written whenever a shadow cell is stored, and the events before it
//   replay to the stack of that moment, so the (site, epoch) of every cell has an event
//   with its stack as long as the ring still holds it.
// - The ring's replayed stack is the first `ringDepth` frames of `stack`, except frames at
//   and above `synced` (which may have been replaced since): synced <= min(depth, ringDepth).
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
  PENDING = 256,
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

// This thread's stack of call sites (deeper than its length: only the count grows), and
// the call sites of calls in flight, as fields for the reason `trace` gives.
const calls = {
  stack: new Int32Array(Ring.STACK),
  pending: new Int32Array(Ring.PENDING),
};
let depth = 0;
// The depth the ring's events replay to, and how many of those frames are still this
// thread's (the rest returned since).
let ringDepth = 0;
let synced = 0;

// Calls in flight: pushed when an instrumented call starts, popped when it returns; a
// function entered from it takes the newest.
let pendingTop = 0;

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
  synced = 0;
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
  return k < Ring.STACK ? calls.stack[k] : 0;
}

/** A shadow cell was just stamped with (site, epoch). */
export function recordAccess(site: SiteId): void {
  if (trace.enabled !== true) return;
  if (synced !== depth || ringDepth !== depth) sync();
  event(ACCESS | site, thread.epoch);
  trace.words[trace.base] = trace.position;
}

/**
 * Brings the ring's stack up to this thread's: one EXIT for the frames gone and an ENTER per
 * new one, or a SWAP for the frames gone and the first new one.
 */
function sync(): void {
  if (ringDepth > synced) {
    const gone = Math.min(ringDepth - synced, SITE);
    // ringDepth before the event: a snapshot after it holds the ring's new stack.
    if (depth > synced) {
      ringDepth = synced + 1;
      event(SWAP | gone, siteOfFrame(synced));
    } else {
      ringDepth = synced;
      event(EXIT | gone, 0);
    }
  }
  while (ringDepth < depth) {
    const site = siteOfFrame(ringDepth);
    ringDepth++;
    event(ENTER, site);
  }
  synced = depth;
}

/** An instrumented call starts at `site`; returns 0 so it can sit in an expression. */
export function callStart(site: number): number {
  calls.pending[pendingTop++] = site; // past the end, a typed array store does nothing
  return 0;
}

/** The call has returned; passes its value through. */
export function callEnd<T>(_: number, value: T): T {
  if (pendingTop > 0) pendingTop--;
  return value;
}

/** A function starts; returns the depth its exit restores. */
export function enter(): number {
  calls.stack[depth] = pendingTop > 0 && pendingTop <= Ring.PENDING ? calls.pending[pendingTop - 1] : 0;
  return ++depth;
}

/** The function entered at `entered` depth returns (normally or by throwing). */
export function exit(entered: number): void {
  const target = entered - 1; // entered >= 1: it comes from enter()
  if (depth > target) depth = target;
  if (synced > depth) synced = depth;
}

/** At an await or yield: the function's frame leaves the stack until it resumes. */
export function suspend<T>(entered: number, value: T): T {
  exit(entered);
  return value;
}

/** After an await: the function runs again from a microtask, on an empty stack. */
export function resumeAsync(): number {
  exit(1);
  pendingTop = 0;
  return enter();
}

/** After a yield: the generator runs again inside its caller's next(). */
export function resumeGenerator(): number {
  return enter();
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
  const frames: number[] = [];
  if (start > 0) {
    const d = all[snap];
    const kept = Math.min(d, Ring.MAX_DEPTH);
    for (let k = 0; k < d - kept; k++) frames.push(0);
    for (let k = 0; k < kept; k++) frames.push(all[snap + 1 + k]);
  }
  for (let p = start; p < end; p++) {
    const i = b + HEADER_WORDS + (p % n) * 2;
    const a = all[i];
    const v = all[i + 1];
    switch (a & TAG) {
      case ENTER:
        frames.push(v);
        break;
      case EXIT:
        frames.length = Math.max(0, frames.length - (a & SITE));
        break;
      case SWAP:
        frames.length = Math.max(0, frames.length - (a & SITE));
        frames.push(v);
        break;
      case ACCESS:
        if ((a & SITE) === site && v === epoch) return frames.reverse();
        break;
    }
  }
  return undefined;
}
