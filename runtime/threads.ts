// Thread slots: each thread jsrace tracks holds one row of the shared clock table.
//
// Invariants:
// - Slot 0 is the main thread. A worker's slot is chosen by its creator before the worker
//   starts, and the creator fills the worker's clock row (the creation edge).
// - A finished thread's slot may be given to a new thread only when the creator's clock
//   already covers the old thread's last epoch: then every access stamped with the old
//   thread's epochs really happens-before the new thread, so sharing the row neither
//   invents nor hides an edge. The new thread's epochs continue above the old ones.
// - When no slot can be had, the new worker runs untracked (one warning).
import { ctx } from './context';
import { thread } from './thread-state';
import { A } from './intrinsics';
import {
  H_SLOTS_USED, MAX_SLOTS, SLOTS_AT, SLOT_WORDS, S_LAST_EPOCH, S_PARENT, S_STACK_LEN, S_STACK_OFF, S_STATE,
  S_THREAD_ID, SlotState,
} from './world';
import { Slot, asSlot } from './types';
import { assign, join } from './vector-clock';
import { loadString, storeString } from './strings';
import { Frame, mapFrames } from './stack';
import { warnOnce } from './warn';

function slotWord(slot: number, field: number): number {
  return SLOTS_AT + slot * SLOT_WORDS + field;
}

function clockRow(slot: number): Uint32Array {
  return ctx.world.clockTable.subarray(slot * MAX_SLOTS, (slot + 1) * MAX_SLOTS);
}

/** Claims slot 0 for the main thread; called once, by the main thread, on a new world. */
export function bootMainThread(threadId: number): void {
  const h = ctx.world.header;
  h[slotWord(0, S_STATE)] = SlotState.Running;
  h[slotWord(0, S_THREAD_ID)] = threadId;
  h[slotWord(0, S_PARENT)] = -1;
  A.store(h, H_SLOTS_USED, 1);
  clockRow(0)[0] = 1;
}

/**
 * Picks a slot for a worker this thread is about to create and performs the creation
 * edge: the worker's clock starts as this thread's clock. Returns -1 when none is free.
 */
export function allocateWorkerSlot(creation: Frame[]): Slot | -1 {
  const world = ctx.world;
  const h = world.header;
  let slot = -1;
  ctx.globalLock.lock();
  try {
    const used = A.load(h, H_SLOTS_USED);
    if (used < MAX_SLOTS) {
      slot = used;
      A.store(h, H_SLOTS_USED, used + 1);
    } else {
      for (let s = 1; s < MAX_SLOTS; s++) {
        if (h[slotWord(s, S_STATE)] === SlotState.Finished && thread.clock[s] >= h[slotWord(s, S_LAST_EPOCH)]) {
          slot = s;
          break;
        }
      }
    }
    if (slot < 0) {
      warnOnce('slots-full', `more than ${MAX_SLOTS} threads alive at once; newer workers are not checked`);
      return -1;
    }
    h[slotWord(slot, S_STATE)] = SlotState.Running;
    h[slotWord(slot, S_THREAD_ID)] = -1;
    h[slotWord(slot, S_PARENT)] = thread.slot;
    const [off, len] = storeString(world, JSON.stringify(creation));
    h[slotWord(slot, S_STACK_OFF)] = off;
    h[slotWord(slot, S_STACK_LEN)] = len;
  } finally {
    ctx.globalLock.unlock();
  }
  const row = clockRow(slot);
  const n = thread.slotsUsed();
  row.fill(0);
  assign(row, thread.clock, n);
  row[thread.slot] = thread.releaseEpoch();
  row[slot] = h[slotWord(slot, S_LAST_EPOCH)] + 1;
  thread.advance();
  return asSlot(slot);
}

/** Gives back a slot whose worker could not be constructed. */
export function abandonSlot(slot: Slot): void {
  const h = ctx.world.header;
  h[slotWord(slot, S_LAST_EPOCH)] = clockRow(slot)[slot];
  A.store(h, slotWord(slot, S_STATE), SlotState.Finished);
}

export function setSlotThreadId(slot: Slot, threadId: number): void {
  A.store(ctx.world.header, slotWord(slot, S_THREAD_ID), threadId);
}

/** Everything the worker has done so far happens-before this thread from now on. */
export function joinWorker(slot: Slot): void {
  join(thread.clock, clockRow(slot), thread.slotsUsed());
}

/** The join edge at exit; the slot may then be given to a later thread. */
export function joinExitedWorker(slot: Slot): void {
  const row = clockRow(slot);
  join(thread.clock, row, thread.slotsUsed());
  const h = ctx.world.header;
  h[slotWord(slot, S_LAST_EPOCH)] = row[slot];
  A.store(h, slotWord(slot, S_STATE), SlotState.Finished);
}

export interface ThreadInfo {
  slot: Slot;
  threadId: number;
  name: string;
  state: 'running' | 'finished';
  createdAt: Frame[];
}

export function threadInfo(slot: Slot): ThreadInfo {
  const h = ctx.world.header;
  const threadId = A.load(h, slotWord(slot, S_THREAD_ID));
  const isMain = slot === 0;
  let createdAt: Frame[] = [];
  const stack = loadString(ctx.world, h[slotWord(slot, S_STACK_OFF)], h[slotWord(slot, S_STACK_LEN)]);
  if (stack && !isMain) createdAt = mapFrames(JSON.parse(stack) as Frame[]);
  return {
    slot,
    threadId,
    name: isMain ? 'main thread' : `worker ${threadId}`,
    state: A.load(h, slotWord(slot, S_STATE)) === SlotState.Finished ? 'finished' : 'running',
    createdAt,
  };
}
