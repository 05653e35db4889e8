// expect: race
// Compound assignments are a read and a write of the element: the worker's `-=` and `*=`
// race with the parent's `|=` and `<<=` on the same elements after creating the worker.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(32));
  a[0] = 10;
  a[4] = 3;
  new Worker(__filename, { workerData: a });
  a[0] |= 4; // RACE
  a[4] <<= 1; // RACE
} else {
  workerData[0] -= 3; // RACE
  workerData[4] *= 2; // RACE
}
