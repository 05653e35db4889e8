// This thread's detector state: its slot, its vector clock row and current epoch.
//
// Invariants:
// - `clock[slot] === epoch` whenever the thread runs user code.
// - `dirty` is true iff some shadow cell was stamped with the current epoch; a release
//   only has to advance the epoch when it is dirty (otherwise nothing it publishes could
//   be confused with a later access).
// - `active` is false until the thread has a slot, and forever in threads jsrace does not
//   track; every entry point checks it first.
//
// The runtime's hot paths test a boolean field, parameter or result of a call V8 does not
// inline with `=== true` or `!== true`, never bare. V8 keeps no type for them, so a bare
// test compiles to a generic ToBoolean, about a dozen instructions with its branches, where
// `=== true` is one compare: about 6% of the instructions of an SPSC item (callgrind).
import { Epoch, Slot, asEpoch, asSlot } from './types';
import { MAX_SLOTS, World, H_SLOTS_USED } from './world';
import { A } from './intrinsics';
import { packCell } from './shadow-cell';
import { warnOnce } from './warn';

const MAX_EPOCH = 0xffffffff;

export class ThreadState {
  active = false;
  slot: Slot = asSlot(0);
  epoch: Epoch = asEpoch(0);
  dirty = false;
  clock: Uint32Array = new Uint32Array(MAX_SLOTS);
  threadId = 0;
  isMain = true;
  world: World | null = null;

  adopt(world: World, slot: Slot, threadId: number, isMain: boolean): void {
    this.world = world;
    this.slot = slot;
    this.threadId = threadId;
    this.isMain = isMain;
    this.clock = world.clockTable.subarray(slot * MAX_SLOTS, (slot + 1) * MAX_SLOTS);
    this.epoch = asEpoch(this.clock[slot]);
    // Conservative: cells may already carry this epoch, so the next release must advance it.
    this.dirty = true;
    this.active = true;
  }

  /**
   * The shadow cell (shadow-cell.ts) of an access this thread makes now: `flags`, bytes
   * `mask`, the current epoch. Callees compute it rather than take it: a double passed to a
   * call V8 does not inline is boxed, an allocation per call.
   */
  cellNow(flags: number, mask: number): number {
    return packCell(this.slot, flags, mask, this.epoch);
  }

  slotsUsed(): number {
    return this.world ? A.load(this.world.header, H_SLOTS_USED) : 0;
  }

  /**
   * slotsUsed() with a plain read, for a caller holding a stripe or row lock (the lock's
   * acquire orders this read after any release into the clock it is about to use), or for a
   * seqlock reader on x86 that has read the row's version (sync.ts acquireUnlocked).
   */
  slotsUsedLocked(): number {
    return this.world!.header[H_SLOTS_USED];
  }

  /**
   * The value a release publishes for this thread's own entry. When nothing carries the
   * current epoch yet, publishing epoch-1 is exact and spares an epoch.
   */
  releaseEpoch(): number {
    return this.dirty === true ? this.epoch : this.epoch - 1;
  }

  /** Called right after a release has published releaseEpoch(): later accesses get a new epoch. */
  advance(): void {
    if (this.dirty !== true) return;
    this.dirty = false;
    if (this.epoch >= MAX_EPOCH - 1) {
      warnOnce('epoch-overflow', 'a thread ran out of epochs; its later races may be missed');
      return;
    }
    this.epoch = asEpoch(this.epoch + 1);
    this.clock[this.slot] = this.epoch;
  }
}

export const thread = new ThreadState();
