'use strict';
// A mutex in one Int32 of shared memory: 0 unlocked, 1 locked. compareExchange takes it,
// Atomics.wait sleeps while another thread holds it, and unlock wakes one sleeper.
class Mutex {
  constructor(int32, index) {
    this.cell = int32;
    this.index = index;
  }

  lock() {
    while (Atomics.compareExchange(this.cell, this.index, 0, 1) !== 0) {
      Atomics.wait(this.cell, this.index, 1);
    }
  }

  unlock() {
    Atomics.store(this.cell, this.index, 0);
    Atomics.notify(this.cell, this.index, 1);
  }
}

module.exports = { Mutex };
