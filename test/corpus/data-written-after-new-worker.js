// expect: race
// Main writes the array after `new Worker` returned: only what came before creation is
// ordered before the worker, so the worker's read races with this write.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: a });
  a[0] = 1; // RACE
} else {
  const seen = workerData[0]; // RACE
  void seen;
}
