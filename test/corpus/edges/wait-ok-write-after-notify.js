// expect: race
// The parent's Atomics.wait ends with "ok" from the worker's notify, but the worker writes
// only after the notify that woke it: the wake orders what came before the notify, not the
// later write.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const data = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { flag, data } });
  const r = Atomics.wait(flag, 0, 0);
  if (r !== 'ok') throw new Error(`wait returned ${r}`);
  const seen = data[0]; // RACE
  void seen;
} else {
  const { flag, data } = workerData;
  while (Atomics.notify(flag, 0, 1) === 0) sleep(1);
  data[0] = 42; // RACE
}
