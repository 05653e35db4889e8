// expect: race
// A class's own methods named like a typed array's (find, set) are the program's methods:
// the instrumenter calls them without a site, and their element accesses keep their own
// lines. A subclass of Int32Array calling this.fill(...) calls the typed array's method,
// whose write is reported at the call's line. The worker waits a while (no edge) so that
// the main thread's accesses come first and are reported as the previous ones, named by
// the sites stamped in the shadow.
const { Worker, isMainThread, workerData } = require('worker_threads');

class Slots {
  constructor(sab) {
    this.a = new Int32Array(sab, 0, 4);
  }
  find(k) {
    return this.a[k]; // RACE
  }
  set(k, v) {
    this.a[k] = v;
    return this;
  }
  bump(k) {
    return this.set(k, this.find(k) + 1);
  }
}

class Counters extends Int32Array {
  reset() {
    this.fill(0, 0, 2); // RACE
  }
}

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  new Slots(sab).bump(2); // before the worker starts: ordered with all it does
  new Worker(__filename, { workerData: sab });
  new Slots(sab).find(1);
  new Counters(sab, 16, 4).reset();
} else {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
  const slots = new Int32Array(workerData, 0, 4);
  slots[1] = 5; // RACE
  const b = slots[2];
  const counters = new Int32Array(workerData, 16, 4);
  const c = counters[1]; // RACE
  const d = counters[3];
  void b, void c, void d;
}
