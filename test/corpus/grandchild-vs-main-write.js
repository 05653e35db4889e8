// expect: race
// main -> A -> B, and main writes right after creating A. B is created by A, so B is
// ordered after A's start, not after anything main did after `new Worker`: B's read races
// with main's write.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { a, depth: 1 } });
  a[0] = 1; // RACE
} else if (workerData.depth === 1) {
  new Worker(__filename, { workerData: { a: workerData.a, depth: 2 } });
} else {
  const seen = workerData.a[0]; // RACE
  void seen;
}
