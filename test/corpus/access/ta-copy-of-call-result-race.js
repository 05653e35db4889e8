// expect: race
// The source of a typed-array copy may be a call's result (new Int32Array(view())): the copy
// still reads every source element, and races with the worker's write of i32[1].
const { Worker, isMainThread, workerData } = require('worker_threads');

const view = (sab) => new Int32Array(sab, 0, 4);

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  new Worker(__filename, { workerData: sab });
  const copy = new Int32Array(view(sab)); // RACE
  void copy;
} else {
  view(workerData)[1] = 1; // RACE
}
