// expect: race
// Atomics.isLockFree looks at no memory and orders nothing: the writer writes and then asks
// isLockFree for every size; the reader (100 ms later, which is no edge) asks too, then
// reads.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { data, role: 'writer' } });
  new Worker(__filename, { workerData: { data, role: 'reader' } });
} else {
  const { data, role } = workerData;
  if (role === 'writer') {
    data[0] = 42; // RACE
    for (const n of [1, 2, 4, 8]) Atomics.isLockFree(n);
  } else {
    sleep(100);
    if (!Atomics.isLockFree(4)) throw new Error('isLockFree(4) is false');
    const seen = data[0]; // RACE
    void seen;
  }
}
