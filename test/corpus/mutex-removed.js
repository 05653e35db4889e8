// expect: race
// mutex-cas-wait-notify with the lock taken out: four workers do the plain read-modify-write
// of the shared counter with nothing ordering them.
const { Worker, isMainThread, workerData } = require('worker_threads');

const WORKERS = 4;
const ROUNDS = 200;

if (isMainThread) {
  const shared = { lock: new Int32Array(new SharedArrayBuffer(4)), counter: new Int32Array(new SharedArrayBuffer(4)) };
  for (let w = 0; w < WORKERS; w++) new Worker(__filename, { workerData: shared });
} else {
  const { counter } = workerData;
  for (let i = 0; i < ROUNDS; i++) {
    counter[0] = counter[0] + 1; // RACE
  }
}
