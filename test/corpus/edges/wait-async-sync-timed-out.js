// expect: race
// Atomics.waitAsync with a zero timeout answers {async: false, value: "timed-out"} while the
// flag still holds 0 (the worker stores it only after the parent's 'go'). That answer is
// no edge, not even from the store that follows: the parent sleeps so the store has
// happened, then reads the data the worker wrote before storing.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const go = new Int32Array(new SharedArrayBuffer(4));
  const data = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { flag, go, data } });
  const r = Atomics.waitAsync(flag, 0, 0, 0);
  if (r.async || r.value !== 'timed-out') throw new Error(`waitAsync returned ${r.async} ${r.value}`);
  Atomics.store(go, 0, 1);
  Atomics.notify(go, 0);
  sleep(100);
  const seen = data[0]; // RACE
  void seen;
} else {
  const { flag, go, data } = workerData;
  data[0] = 42; // RACE
  Atomics.wait(go, 0, 0);
  Atomics.store(flag, 0, 1);
}
