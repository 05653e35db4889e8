// expect: norace
// A futex-style mutex (compareExchange to take it, Atomics.wait when contended, Atomics.sub
// + store + notify to release) protects a plain read-modify-write of a shared counter in
// four workers. The parent checks no update was lost.
const { Worker, isMainThread, workerData } = require('worker_threads');

const WORKERS = 4;
const ROUNDS = 200;

// lock[0]: 0 free, 1 locked, 2 locked with waiters.
function lock(l) {
  let c = Atomics.compareExchange(l, 0, 0, 1);
  if (c === 0) return;
  do {
    if (c === 2 || Atomics.compareExchange(l, 0, 1, 2) !== 0) Atomics.wait(l, 0, 2);
  } while ((c = Atomics.compareExchange(l, 0, 0, 2)) !== 0);
}
function unlock(l) {
  if (Atomics.sub(l, 0, 1) !== 1) {
    Atomics.store(l, 0, 0);
    Atomics.notify(l, 0, 1);
  }
}

if (isMainThread) {
  const shared = { lock: new Int32Array(new SharedArrayBuffer(4)), counter: new Int32Array(new SharedArrayBuffer(4)) };
  let left = WORKERS;
  for (let w = 0; w < WORKERS; w++) {
    new Worker(__filename, { workerData: shared }).on('exit', () => {
      if (--left === 0 && shared.counter[0] !== WORKERS * ROUNDS) throw new Error(`lost updates: ${shared.counter[0]}`);
    });
  }
} else {
  const { lock: l, counter } = workerData;
  for (let i = 0; i < ROUNDS; i++) {
    lock(l);
    counter[0] = counter[0] + 1;
    unlock(l);
  }
}
