// expect: race
// In sloppy code `arguments[0] = ...` replaces the parameter itself: a function given a local
// array that swaps in a shared view this way is checked at each access, and races.
const { Worker, isMainThread, workerData } = require('worker_threads');

function replaced(view, sab) {
  arguments[0] = new Int32Array(sab);
  view[1] += 5; // RACE
}

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  const w = new Worker(__filename, { workerData: sab });
  replaced(new Int32Array(4), sab);
  w.on('error', (e) => { throw e; });
} else {
  new Int32Array(workerData)[1] = 20; // RACE
}
