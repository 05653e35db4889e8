// expect: race
// A store publishes to loads of its own element only, not to a neighbour in the same
// buffer. The writer stores flags[1], writes data, then stores flags[0]; the reader waits
// for flags[1] and reads data. flags[1] was stored before the data write, and the later
// store to flags[0] (adjacent bytes) publishes nothing to a load of flags[1].
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const data = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { flags, data, role: 'writer' } });
  new Worker(__filename, { workerData: { flags, data, role: 'reader' } });
} else {
  const { flags, data, role } = workerData;
  if (role === 'writer') {
    Atomics.store(flags, 1, 1);
    data[0] = 42; // RACE
    Atomics.store(flags, 0, 1);
  } else {
    while (Atomics.load(flags, 1) === 0);
    const seen = data[0]; // RACE
    void seen;
  }
}
