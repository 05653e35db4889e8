// expect: norace
// The same counter with Atomics.add: atomic read-modify-writes never race each other, and
// the main thread reads the total only after both workers exited.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const c = new Int32Array(new SharedArrayBuffer(4));
  let left = 2;
  for (let w = 0; w < 2; w++) {
    new Worker(__filename, { workerData: c }).on('exit', () => {
      if (--left === 0 && c[0] !== 2000) throw new Error(`lost updates: ${c[0]}`);
    });
  }
} else {
  for (let i = 0; i < 1000; i++) Atomics.add(workerData, 0, 1);
}
