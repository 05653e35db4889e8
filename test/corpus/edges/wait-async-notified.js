// expect: norace
// Atomics.waitAsync that goes async ({async: true}) and whose promise is resolved with "ok"
// by the worker's Atomics.notify: the worker writes data, then notifies until one waiter
// woke. Nobody stores to the flag, so only that notify can resolve the promise, and the
// parent reads in the promise's callback.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const data = new Int32Array(new SharedArrayBuffer(4));
  const r = Atomics.waitAsync(flag, 0, 0);
  if (!r.async) throw new Error(`waitAsync returned ${r.value} synchronously`);
  new Worker(__filename, { workerData: { flag, data } });
  r.value.then((v) => {
    if (v !== 'ok') throw new Error(`waitAsync resolved ${v}`);
    if (data[0] !== 42) throw new Error(`data[0] = ${data[0]}`);
  });
} else {
  const { flag, data } = workerData;
  data[0] = 42;
  while (Atomics.notify(flag, 0, 1) === 0) sleep(1);
}
