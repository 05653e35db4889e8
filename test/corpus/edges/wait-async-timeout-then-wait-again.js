// expect: norace
// The twin of wait-async-timeout: after the "timed-out" and the 'go', the parent waits
// again with Atomics.waitAsync and no timeout. It answers {async: false, "not-equal"} if the
// worker's store came first, or goes async and is resolved "ok" by the worker's notify that
// follows the store: either way the worker's data write is ordered before the read.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const go = new Int32Array(new SharedArrayBuffer(4));
  const data = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { flag, go, data } });
  const check = () => {
    if (data[0] !== 42) throw new Error(`data[0] = ${data[0]}`);
  };
  const r = Atomics.waitAsync(flag, 0, 0, 20);
  if (!r.async) throw new Error(`waitAsync returned ${r.value} synchronously`);
  r.value.then((v) => {
    if (v !== 'timed-out') throw new Error(`waitAsync resolved ${v}`);
    Atomics.store(go, 0, 1);
    Atomics.notify(go, 0);
    const r2 = Atomics.waitAsync(flag, 0, 0);
    if (!r2.async) {
      if (r2.value !== 'not-equal') throw new Error(`second waitAsync returned ${r2.value}`);
      check();
    } else {
      r2.value.then((v2) => {
        if (v2 !== 'ok') throw new Error(`second waitAsync resolved ${v2}`);
        check();
      });
    }
  });
} else {
  const { flag, go, data } = workerData;
  data[0] = 42;
  Atomics.wait(go, 0, 0);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
