// Where this thread keeps the shared world and the locks over it, once booted.

import { SharedMutex } from './lock';
import { World, H_GLOBAL_LOCK, H_REPORT_LOCK } from './world';
import { Options, defaultOptions } from './options';

export class Context {
  world!: World;
  globalLock!: SharedMutex;
  reportLock!: SharedMutex;
  options: Options = defaultOptions();

  attach(world: World, options: Options): void {
    this.world = world;
    this.options = options;
    this.globalLock = new SharedMutex(world.header, H_GLOBAL_LOCK);
    this.reportLock = new SharedMutex(world.header, H_REPORT_LOCK);
  }
}

export const ctx = new Context();
