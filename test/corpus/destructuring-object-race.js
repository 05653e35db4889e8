// expect: race
// Object-destructuring targets, including one filled from a default value, write the
// elements: the worker's pattern races with the parent's write of a[4].
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int8Array(new SharedArrayBuffer(8));
  new Worker(__filename, { workerData: a });
  a[4] = 9; // RACE
} else {
  const a = workerData;
  ({ x: a[0], y: a[4] = 5 } = { x: 1 }); // RACE
}
