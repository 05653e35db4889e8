// expect: race
// Array destructuring with a rest element iterates the whole typed array: `const [x,
// ...rest] = ta` reads every element and races with the worker's write of the last one.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const ta = new Int16Array(new SharedArrayBuffer(8));
  new Worker(__filename, { workerData: ta });
  const [x, ...rest] = ta; // RACE
  void x, void rest;
} else {
  workerData[3] = 1; // RACE
}
