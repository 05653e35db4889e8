// expect: race
// A compareExchange that fails writes nothing, so it releases nothing: the writer's plain
// write followed by a failing compareExchange on the flag is not published to a reader that
// loads the flag atomically.
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
    if (Atomics.compareExchange(flag, 0, 5, 6) !== 0) throw new Error('flag changed');
  } else {
    if (Atomics.load(flag, 0) !== 0) throw new Error('flag changed');
    const seen = data[0]; // RACE
    void seen;
  }
}
