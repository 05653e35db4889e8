// expect: race
// A timed-out Atomics.wait is not an edge, not even from a store that comes later. The
// worker writes data, then (after the parent's wait has timed out and the parent said 'go')
// stores the flag and notifies. The parent sleeps 100 ms so that store has happened by
// then, and reads data without ever looking at the flag again.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const go = new Int32Array(new SharedArrayBuffer(4));
  const data = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { flag, go, data } });
  const r = Atomics.wait(flag, 0, 0, 20);
  if (r !== 'timed-out') throw new Error(`wait returned ${r}`);
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
  Atomics.notify(flag, 0);
}
