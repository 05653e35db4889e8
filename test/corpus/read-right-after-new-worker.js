// expect: race
// The parent reads the result synchronously right after creating the worker, long before
// its 'exit' event: nothing orders the worker's write before this read. (The read in the
// 'exit' handler is ordered and must not be reported.)
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  const w = new Worker(__filename, { workerData: a });
  const early = a[0]; // RACE
  void early;
  w.on('exit', () => {
    if (a[0] !== 42) throw new Error(`a[0] = ${a[0]}`);
  });
} else {
  workerData[0] = 42; // RACE
}
