// expect: race
// `for (a[0] of xs)` assigns the element on every iteration: it races with the parent's
// read of the same element.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: a });
  const seen = a[0]; // RACE
  void seen;
} else {
  const a = workerData;
  let n = 0;
  for (a[0] of [1, 2, 3]) n++; // RACE
  void n;
}
