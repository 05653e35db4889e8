// expect: race
// An atomic and a plain access to the same bytes race: one worker counts with a BigUint64
// Atomics.add, another reads the top byte of that element with a plain Uint8Array read.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  new Worker(__filename, { workerData: { sab, role: 'atomic' } });
  new Worker(__filename, { workerData: { sab, role: 'plain' } });
} else {
  const { sab, role } = workerData;
  if (role === 'atomic') {
    Atomics.add(new BigUint64Array(sab), 1, 1n << 56n); // RACE
  } else {
    const top = new Uint8Array(sab)[15]; // RACE
    void top;
  }
}
