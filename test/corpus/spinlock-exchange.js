// expect: norace
// A spinlock built on Atomics.exchange (take) and Atomics.store (release) protects a plain
// Float64Array accumulation in three workers.
const { Worker, isMainThread, workerData } = require('worker_threads');

const WORKERS = 3;
const ROUNDS = 200;

if (isMainThread) {
  const shared = { lock: new Int32Array(new SharedArrayBuffer(4)), sum: new Float64Array(new SharedArrayBuffer(8)) };
  let left = WORKERS;
  for (let w = 0; w < WORKERS; w++) {
    new Worker(__filename, { workerData: shared }).on('exit', () => {
      if (--left === 0 && shared.sum[0] !== WORKERS * ROUNDS * 0.5) throw new Error(`sum = ${shared.sum[0]}`);
    });
  }
} else {
  const { lock, sum } = workerData;
  for (let i = 0; i < ROUNDS; i++) {
    while (Atomics.exchange(lock, 0, 1) === 1);
    sum[0] += 0.5;
    Atomics.store(lock, 0, 0);
  }
}
