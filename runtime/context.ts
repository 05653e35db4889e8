// Where this thread keeps the shared world and the locks over it, once booted.

/** The lock of the stripe that guards an atomic location (and its waiter list). */
export function syncLockFor(bufferId: number, byteOffset: number): SharedMutex {
  return ctx.syncLocks[(((bufferId * 0x9e3779b1) ^ byteOffset) >>> 0) % ctx.syncLocks.length];
}
import { SharedMutex } from './lock';
import {
  World, H_GLOBAL_LOCK, H_GLOBAL_WAITERS, H_REPORT_LOCK, H_REPORT_WAITERS, SYNC_LOCKS_AT, SYNC_STRIPES,
} from './world';
import { Options, defaultOptions } from './options';

export class Context {
  world!: World;
  globalLock!: SharedMutex;
  /** Locks over atomic locations, striped by (buffer, byte offset): a location and its waiter list share one. */
  syncLocks: SharedMutex[] = [];
  reportLock!: SharedMutex;
  options: Options = defaultOptions();

  attach(world: World, options: Options): void {
    this.world = world;
    this.options = options;
    this.globalLock = new SharedMutex(world.header, H_GLOBAL_LOCK, H_GLOBAL_WAITERS);
    this.syncLocks = Array.from({ length: SYNC_STRIPES }, (_, i) => new SharedMutex(world.header, SYNC_LOCKS_AT + i * 2, SYNC_LOCKS_AT + i * 2 + 1));
    this.reportLock = new SharedMutex(world.header, H_REPORT_LOCK, H_REPORT_WAITERS);
  }
}

export const ctx = new Context();
