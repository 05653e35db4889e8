// expect: race
// A store publishes only to a load of the same byte range. The writer does an Int32
// Atomics.store on bytes 0..3; the reader spins on an Int16 Atomics.load of bytes 0..1.
// The two atomics overlap without addressing the same range, so they race with each other,
// and the store publishes nothing: the plain data write and read race too.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(8);
  const data = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { sab, data, role: 'writer' } });
  new Worker(__filename, { workerData: { sab, data, role: 'reader' } });
} else {
  const { sab, data, role } = workerData;
  if (role === 'writer') {
    data[0] = 42; // RACE
    Atomics.store(new Int32Array(sab), 0, 0x10001); // RACE
  } else {
    const half = new Int16Array(sab);
    while (Atomics.load(half, 0) === 0); // RACE
    const seen = data[0]; // RACE
    void seen;
  }
}
