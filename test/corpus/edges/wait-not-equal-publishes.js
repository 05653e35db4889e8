// expect: norace
// Atomics.wait returning "not-equal" has read the stored value, so it acquires like a load:
// the worker writes data and Atomics.stores the flag (no notify); the parent polls with
// short timed waits until one returns "not-equal", then reads the data.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const data = new Int32Array(new SharedArrayBuffer(8));
  new Worker(__filename, { workerData: { flag, data } });
  let r;
  while ((r = Atomics.wait(flag, 0, 0, 5)) === 'timed-out');
  if (r !== 'not-equal') throw new Error(`wait returned ${r}`);
  if (data[0] !== 42 || data[1] !== 43) throw new Error(`data = ${data}`);
} else {
  const { flag, data } = workerData;
  data[0] = 42;
  data[1] = 43;
  Atomics.store(flag, 0, 1);
}
