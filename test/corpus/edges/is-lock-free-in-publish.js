// expect: norace
// Atomics.isLockFree calls mixed into a correct store/load publication change nothing: the
// writer writes, asks isLockFree, stores the flag; the reader asks isLockFree, waits for the
// flag and reads. (isLockFree(4) must be true; its answer is checked.)
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(4));
  const flag = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { data, flag, role: 'writer' } });
  new Worker(__filename, { workerData: { data, flag, role: 'reader' } });
} else {
  const { data, flag, role } = workerData;
  if (role === 'writer') {
    data[0] = 42;
    const free = [1, 2, 3, 4, 8].map((n) => Atomics.isLockFree(n));
    if (!free[3]) throw new Error('isLockFree(4) is false');
    Atomics.store(flag, 0, 1);
  } else {
    if (!Atomics.isLockFree(4)) throw new Error('isLockFree(4) is false');
    while (Atomics.load(flag, 0) === 0);
    if (data[0] !== 42) throw new Error(`data[0] = ${data[0]}`);
  }
}
