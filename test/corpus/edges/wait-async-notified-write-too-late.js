// expect: race
// The parent's async Atomics.waitAsync is resolved with "ok" by the worker's notify, but
// the worker writes only after that notify: the write is not ordered before the parent's
// read in the promise's callback. (The worker stays alive until the parent has read, so
// its exit cannot order the write either.)
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const data = new Int32Array(new SharedArrayBuffer(4));
  const r = Atomics.waitAsync(flag, 0, 0);
  if (!r.async) throw new Error(`waitAsync returned ${r.value} synchronously`);
  const w = new Worker(__filename, { workerData: { flag, data } });
  r.value.then((v) => {
    if (v !== 'ok') throw new Error(`waitAsync resolved ${v}`);
    const seen = data[0]; // RACE
    void seen;
    w.postMessage('bye');
  });
} else {
  const { flag, data } = workerData;
  while (Atomics.notify(flag, 0, 1) === 0) sleep(1);
  data[0] = 42; // RACE
  parentPort.once('message', () => {});
}
