// expect: norace
// Atomics.notify -> Atomics.wait returning "ok": the worker writes data and then notifies
// until it has woken one waiter. Nobody ever stores to the flag, so the parent's wait can
// only end with "ok" from that notify, which orders the worker's write before the read.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const data = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { flag, data } });
  const r = Atomics.wait(flag, 0, 0);
  if (r !== 'ok') throw new Error(`wait returned ${r}`);
  if (data[0] !== 42) throw new Error(`data[0] = ${data[0]}`);
} else {
  const { flag, data } = workerData;
  data[0] = 42;
  while (Atomics.notify(flag, 0, 1) === 0) sleep(1);
}
