// expect: race
// TypedArray set(source, offset) with an array-like source (not an Array, not a typed
// array) writes source.length elements: i32.set({ length: 2, 0: 1, 1: 2 }, 1) writes
// i32[1..2] and races with the worker's read of i32[2], not with its read of i32[3].
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const i32 = new Int32Array(new SharedArrayBuffer(16));
  new Worker(__filename, { workerData: i32 });
  i32.set({ length: 2, 0: 1, 1: 2 }, 1); // RACE
} else {
  const x = workerData[2]; // RACE
  const y = workerData[3];
  void x, void y;
}
