// expect: race
// The parent's Atomics.wait returns "not-equal" because the worker stored the flag, but the
// worker wrote data[1] only after its store: ordered are the writes before the store only.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const data = new Int32Array(new SharedArrayBuffer(8));
  new Worker(__filename, { workerData: { flag, data } });
  let r;
  while ((r = Atomics.wait(flag, 0, 0, 5)) === 'timed-out');
  if (r !== 'not-equal') throw new Error(`wait returned ${r}`);
  if (data[0] !== 42) throw new Error(`data[0] = ${data[0]}`);
  const late = data[1]; // RACE
  void late;
} else {
  const { flag, data } = workerData;
  data[0] = 42;
  Atomics.store(flag, 0, 1);
  data[1] = 43; // RACE
}
