// expect: race
// A function that gets the shared array as a parameter tests it once at entry (after a call
// with a local array, whose test said "not shared"); the accesses still race with the
// worker's writes.
const { Worker, isMainThread, workerData } = require('worker_threads');

function store(target, i, v) {
  target[i] = v; // RACE
  target[i + 1]++; // RACE
}

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  const w = new Worker(__filename, { workerData: sab });
  store(new Int32Array(4), 0, 1);
  store(new Int32Array(sab), 0, 2);
  w.on('error', (e) => { throw e; });
} else {
  const view = new Int32Array(workerData);
  view[0] = 10; // RACE
  view[1] = 20; // RACE
}
