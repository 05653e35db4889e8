// expect: race
// Optional-chain reads `holder.a?.[0]` and `holder?.a[4]` are element reads like any other:
// they race with the parent's writes. `missing?.[0]` touches nothing.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(32));
  new Worker(__filename, { workerData: { a } });
  a[0] = 1; // RACE
  a[4] = 2; // RACE
} else {
  const holder = workerData;
  const missing = undefined;
  const x = holder.a?.[0]; // RACE
  const y = holder?.a[4]; // RACE
  const z = missing?.[0];
  void x, void y, void z;
}
