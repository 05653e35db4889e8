// Sync variables: one vector clock per atomic location (buffer, byte offset, size) and one
// per waiter list (buffer, byte offset), in shared memory so that a release in one thread
// is seen by an acquire in any other.
//
// Invariants:
// - All sync clocks are read and written under the sync lock, together with the atomic
//   operation they describe, so the clock a load acquires is exactly the one published
//   by the store whose value it read.
// - Locations are keyed by their exact byte range: atomics of different sizes over the
//   same bytes never synchronize (the memory model's same-range rule).
// - Entry 0 is a shared overflow clock used when the table is full: it over-synchronizes,
//   which can only hide races, never invent them.
import { ctx } from './context';
import { thread } from './thread-state';
import { A } from './intrinsics';
import { H_SYNC_COUNT, MAX_SLOTS, MAX_SYNC, SYNC_AT, SYNC_WORDS } from './world';
import { assign, join } from './vector-clock';
import { warnOnce } from './warn';

export const enum SyncKind { Location = 0, Waiters = 1 }

/** The clock of one sync variable. Call under the sync lock. */
export function syncClock(bufferId: number, byteOffset: number, size: number, kind: SyncKind): Uint32Array {
  const h = ctx.world.header;
  const sizeKind = (size << 1) | kind;
  let i = (((bufferId * 0x9e3779b1) ^ (byteOffset * 0x85ebca6b) ^ sizeKind) >>> 0) % (MAX_SYNC - 1);
  let index = 0;
  for (let probe = 0; probe < MAX_SYNC - 1; probe++, i = (i + 1) % (MAX_SYNC - 1)) {
    const at = SYNC_AT + (i + 1) * SYNC_WORDS;
    if (h[at] === 0) {
      if (A.load(h, H_SYNC_COUNT) >= (MAX_SYNC * 3) / 4) break;
      h[at] = bufferId;
      h[at + 1] = byteOffset;
      h[at + 2] = sizeKind;
      A.add(h, H_SYNC_COUNT, 1);
      index = i + 1;
      break;
    }
    if (h[at] === bufferId && h[at + 1] === byteOffset && h[at + 2] === sizeKind) {
      index = i + 1;
      break;
    }
  }
  if (index === 0) warnOnce('sync-full', 'too many distinct atomic locations; some races may be missed');
  return ctx.world.syncClockTable.subarray(index * MAX_SLOTS, (index + 1) * MAX_SLOTS);
}

/** This thread now knows everything the sync variable's releasers knew. */
export function acquire(sync: Uint32Array): void {
  join(thread.clock, sync, thread.slotsUsed());
}

/** The sync variable now carries exactly this thread's knowledge (a store's release). */
export function releaseStore(sync: Uint32Array): void {
  assign(sync, thread.clock, thread.slotsUsed());
  sync[thread.slot] = thread.releaseEpoch();
}

/** The sync variable adds this thread's knowledge to what it had (waiter lists). */
export function releaseJoin(sync: Uint32Array): void {
  // Our own entry is what a release may publish, not our current epoch: when nothing
  // carries the current epoch yet, the next access gets it and must not look published.
  const own = sync[thread.slot];
  join(sync, thread.clock, thread.slotsUsed());
  sync[thread.slot] = Math.max(own, thread.releaseEpoch());
}
