// expect: race
// Prefix decrement in the worker and postfix increment in the parent on the same element,
// unordered.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int16Array(new SharedArrayBuffer(2));
  new Worker(__filename, { workerData: a });
  a[0]++; // RACE
} else {
  --workerData[0]; // RACE
}
