// expect: norace
// Publishing with Atomics: the writer sets plain data then Atomics.store(flag); the reader
// spins on Atomics.load(flag) and then reads the plain data. The load that sees 1 reads
// from the store, so the data write happens-before the data read.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(16));
  const flag = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { data, flag, role: 'writer' } });
  new Worker(__filename, { workerData: { data, flag, role: 'reader' } });
} else {
  const { data, flag, role } = workerData;
  if (role === 'writer') {
    for (let i = 0; i < 4; i++) data[i] = 42 + i;
    Atomics.store(flag, 0, 1);
  } else {
    while (Atomics.load(flag, 0) === 0);
    for (let i = 0; i < 4; i++) if (data[i] !== 42 + i) throw new Error(`data[${i}] = ${data[i]}`);
  }
}
