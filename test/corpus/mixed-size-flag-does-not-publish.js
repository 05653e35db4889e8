// expect: race
// The writer publishes with an Int32 Atomics.store, the reader spins with a Uint8
// Atomics.load of the flag's low byte. Different ranges do not synchronise: the two atomics
// race with each other and the plain data read races with the data write.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(4));
  const flag = new SharedArrayBuffer(4);
  new Worker(__filename, { workerData: { data, flag, role: 'writer' } });
  new Worker(__filename, { workerData: { data, flag, role: 'reader' } });
} else {
  const { data, flag, role } = workerData;
  if (role === 'writer') {
    data[0] = 42; // RACE
    Atomics.store(new Int32Array(flag), 0, 1); // RACE
  } else {
    const low = new Uint8Array(flag);
    while (Atomics.load(low, 0) === 0); // RACE
    const seen = data[0]; // RACE
    void seen;
  }
}
