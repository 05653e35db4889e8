// expect: race
// Three workers take the futex mutex around the counter update, the fourth updates it
// without the lock: the locked updates are ordered among themselves, but the unlocked one
// races with them.
const { Worker, isMainThread, workerData } = require('worker_threads');

const WORKERS = 4;
const ROUNDS = 200;

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
  const lockWord = new Int32Array(new SharedArrayBuffer(4));
  const counter = new Int32Array(new SharedArrayBuffer(4));
  for (let w = 0; w < WORKERS; w++) new Worker(__filename, { workerData: { lock: lockWord, counter, careless: w === WORKERS - 1 } });
} else {
  const { lock: l, counter, careless } = workerData;
  for (let i = 0; i < ROUNDS; i++) {
    if (careless) {
      counter[0] = counter[0] + 1; // RACE
    } else {
      lock(l);
      counter[0] = counter[0] + 1; // RACE
      unlock(l);
    }
  }
}
