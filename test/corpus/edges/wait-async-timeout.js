// expect: race
// An async Atomics.waitAsync whose promise resolves "timed-out" is no edge: the worker
// writes data and stores + notifies the flag only after the parent's 'go', which the
// parent gives after the timeout. The parent then sleeps (the store has happened by then)
// and reads without looking at the flag.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const go = new Int32Array(new SharedArrayBuffer(4));
  const data = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { flag, go, data } });
  const r = Atomics.waitAsync(flag, 0, 0, 20);
  if (!r.async) throw new Error(`waitAsync returned ${r.value} synchronously`);
  r.value.then((v) => {
    if (v !== 'timed-out') throw new Error(`waitAsync resolved ${v}`);
    Atomics.store(go, 0, 1);
    Atomics.notify(go, 0);
    sleep(100);
    const seen = data[0]; // RACE
    void seen;
  });
} else {
  const { flag, go, data } = workerData;
  data[0] = 42; // RACE
  Atomics.wait(go, 0, 0);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
