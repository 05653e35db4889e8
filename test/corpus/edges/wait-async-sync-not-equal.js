// expect: norace
// Atomics.waitAsync with a zero timeout answers synchronously: {async: false, value:
// "timed-out"} while the flag still holds 0, and {async: false, value: "not-equal"} once the
// worker has stored it. The "not-equal" answer read the stored value and acquires it, so the
// worker's data write is ordered before the parent's read.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const data = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { flag, data } });
  let r;
  for (;;) {
    r = Atomics.waitAsync(flag, 0, 0, 0);
    if (r.async) throw new Error('zero timeout went async');
    if (r.value !== 'timed-out') break;
    sleep(1);
  }
  if (r.value !== 'not-equal') throw new Error(`waitAsync returned ${r.value}`);
  if (data[0] !== 42) throw new Error(`data[0] = ${data[0]}`);
} else {
  const { flag, data } = workerData;
  data[0] = 42;
  Atomics.store(flag, 0, 1);
}
