// expect: race
// Timers, setImmediate and promises are no edges between threads: the parent reads after a
// 100 ms setTimeout, a setImmediate and an awaited promise, while the worker (which wrote
// first and stays blocked until the parent has read, so it cannot have exited) never
// published its write.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  const done = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { a, done } });
  setTimeout(() => {
    setImmediate(async () => {
      await Promise.resolve();
      const seen = a[0]; // RACE
      void seen;
      Atomics.store(done, 0, 1);
      Atomics.notify(done, 0);
    });
  }, 100);
} else {
  const { a, done } = workerData;
  a[0] = 1; // RACE
  Atomics.wait(done, 0, 0);
}
