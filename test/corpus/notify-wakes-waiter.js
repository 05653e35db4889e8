// expect: norace
// The waiter-list edge alone: the reader blocks in Atomics.wait (no timeout); the writer
// writes plain data and calls Atomics.notify until it has woken one waiter. Nobody stores to
// the flag, so only notify -> wake orders the write before the reader's read.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(4));
  const flag = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { data, flag, role: 'writer' } });
  new Worker(__filename, { workerData: { data, flag, role: 'reader' } });
} else {
  const { data, flag, role } = workerData;
  if (role === 'writer') {
    data[0] = 42;
    while (Atomics.notify(flag, 0, 1) === 0) sleep(2);
  } else {
    const outcome = Atomics.wait(flag, 0, 0);
    if (outcome !== 'ok') throw new Error(`wait returned ${outcome}`);
    if (data[0] !== 42) throw new Error(`data[0] = ${data[0]}`);
  }
}
