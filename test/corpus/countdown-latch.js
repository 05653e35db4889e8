// expect: norace
// A countdown latch: each worker fills its own Float64Array slot, then Atomics.sub + notify
// on the latch. The parent blocks with Atomics.load/Atomics.wait until the latch reaches 0
// and reads every slot: each worker's sub acquired the previous ones, so the load that sees
// 0 is ordered after all four workers' writes.
const { Worker, isMainThread, workerData } = require('worker_threads');

const WORKERS = 4;

if (isMainThread) {
  const latch = new Int32Array(new SharedArrayBuffer(4));
  const out = new Float64Array(new SharedArrayBuffer(8 * WORKERS));
  latch[0] = WORKERS;
  for (let i = 0; i < WORKERS; i++) new Worker(__filename, { workerData: { latch, out, i } });
  let v;
  while ((v = Atomics.load(latch, 0)) !== 0) Atomics.wait(latch, 0, v);
  for (let i = 0; i < WORKERS; i++) if (out[i] !== i + 0.25) throw new Error(`out[${i}] = ${out[i]}`);
} else {
  const { latch, out, i } = workerData;
  out[i] = i + 0.25;
  Atomics.sub(latch, 0, 1);
  Atomics.notify(latch, 0);
}
