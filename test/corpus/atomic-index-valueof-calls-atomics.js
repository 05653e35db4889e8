// expect: race
// The index of an Atomics.store is an object whose valueOf itself calls Atomics.load on
// another buffer. The store must be checked at its own element (data[1]), where the
// worker's plain read races with it, and not at the element the inner load addressed.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(16));
  const other = new Int32Array(new SharedArrayBuffer(16));
  Atomics.store(other, 3, 1);
  new Worker(__filename, { workerData: { data } });
  const index = { valueOf: () => Atomics.load(other, 3) };
  Atomics.store(data, index, 5); // RACE
} else {
  console.log(workerData.data[1]); // RACE
}
