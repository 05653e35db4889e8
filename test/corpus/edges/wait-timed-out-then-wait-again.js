// expect: norace
// The twin of wait-timed-out-later-store: after its timed-out wait and the 'go', the parent
// waits on the flag again without a timeout. That second wait returns "ok" (woken by the
// worker's notify after its store) or "not-equal" (the store came first): both acquire the
// store, which orders the worker's data write before the read.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const go = new Int32Array(new SharedArrayBuffer(4));
  const data = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { flag, go, data } });
  const r = Atomics.wait(flag, 0, 0, 20);
  if (r !== 'timed-out') throw new Error(`wait returned ${r}`);
  Atomics.store(go, 0, 1);
  Atomics.notify(go, 0);
  const r2 = Atomics.wait(flag, 0, 0);
  if (r2 !== 'ok' && r2 !== 'not-equal') throw new Error(`second wait returned ${r2}`);
  if (data[0] !== 42) throw new Error(`data[0] = ${data[0]}`);
} else {
  const { flag, go, data } = workerData;
  data[0] = 42;
  Atomics.wait(go, 0, 0);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
