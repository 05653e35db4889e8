// expect: race
// A typed array sent by message (not workerData) to two workers: each side gets its own
// buffer object over the same memory, and both workers write element 0 with nothing
// ordering them.
const { Worker, isMainThread, parentPort } = require('worker_threads');

if (isMainThread) {
  const a = new Float32Array(new SharedArrayBuffer(8));
  new Worker(__filename).postMessage(a);
  new Worker(__filename).postMessage(a);
} else {
  parentPort.once('message', (a) => {
    a[0] = Math.PI; // RACE
  });
}
