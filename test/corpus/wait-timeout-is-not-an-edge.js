// expect: race
// The reader sleeps in Atomics.wait with a timeout on a flag nobody stores to or notifies,
// then reads; the writer just writes. A timed-out wait is only elapsed time: no edge.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(4));
  const flag = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { data, flag, role: 'writer' } });
  new Worker(__filename, { workerData: { data, flag, role: 'reader' } });
} else {
  const { data, flag, role } = workerData;
  if (role === 'writer') {
    data[0] = 42; // RACE
  } else {
    Atomics.wait(flag, 0, 0, 100);
    const seen = data[0]; // RACE
    void seen;
  }
}
