// expect: race
// A BigInt64 Atomics.store covers bytes 0..7; an Int32 Atomics.load of bytes 4..7 reads part
// of it. Different ranges: the atomics race with each other and the store does not publish
// the writer's earlier plain write to the reader.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(8);
  const data = new Uint8Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { sab, data, role: 'writer' } });
  new Worker(__filename, { workerData: { sab, data, role: 'reader' } });
} else {
  const { sab, data, role } = workerData;
  if (role === 'writer') {
    data[2] = 9; // RACE
    Atomics.store(new BigInt64Array(sab), 0, 1n << 32n); // RACE
  } else {
    const high = new Int32Array(sab, 4, 1);
    while (Atomics.load(high, 0) !== 1); // RACE
    const seen = data[2]; // RACE
    void seen;
  }
}
