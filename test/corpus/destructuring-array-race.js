// expect: race
// An array-destructuring assignment whose targets are typed-array elements writes them: the
// worker's `[a[0], a[4]] = ...` races with the parent's read of a[4].
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Uint32Array(new SharedArrayBuffer(32));
  new Worker(__filename, { workerData: a });
  const seen = a[4]; // RACE
  void seen;
} else {
  const a = workerData;
  [a[0], a[4]] = [1, 2]; // RACE
}
