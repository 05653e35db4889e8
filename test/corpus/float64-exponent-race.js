// expect: race
// Float64Array: the worker's `**=` (read + write of all 8 bytes) races with the parent's
// plain write of the same element.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const f = new Float64Array(new SharedArrayBuffer(16));
  f[0] = 3;
  new Worker(__filename, { workerData: f });
  f[0] = 1.5; // RACE
} else {
  workerData[0] **= 2; // RACE
}
