// expect: race
// `total[0] += waitForReady()`: the element is read before the right side runs, and the
// right side acquires the worker's release. The worker's write is ordered before the
// parent's store of the sum, but not before the parent's read of the old value: the read
// races. (Only a right side that can run no code lets the write's check stand for the read.)
const { Worker, isMainThread, workerData } = require('worker_threads');

function waitForReady(ready) {
  while (Atomics.load(ready, 0) === 0);
  return 1;
}

if (isMainThread) {
  const total = new Int32Array(new SharedArrayBuffer(4));
  const ready = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { total, ready } });
  total[0] += waitForReady(ready); // RACE
} else {
  const { total, ready } = workerData;
  total[0] = 41; // RACE
  Atomics.store(ready, 0, 1);
}
