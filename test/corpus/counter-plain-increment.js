// expect: race
// Two workers increment one shared Int32 with `c[0]++` and nothing orders them.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const c = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: c });
  new Worker(__filename, { workerData: c });
} else {
  for (let i = 0; i < 1000; i++) workerData[0]++; // RACE
}
