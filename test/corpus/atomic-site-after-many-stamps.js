// expect: race
// An atomic write's site outlives its thread's later plain accesses: the worker stores to
// a[0] atomically, then writes 100,000 other shared elements (several times its site
// table's entries, and its history ring's), and half a second later the main thread writes
// a[0] with nothing ordering the two. The report names the store's line, though its stack
// is gone.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  const many = new Int32Array(new SharedArrayBuffer(4 * 100_000));
  new Worker(__filename, { workerData: { a, many } });
  // A timer is no edge: the write races with the store whichever comes first. If the worker
  // starts late the write comes first, and the case then checks the other order instead.
  setTimeout(() => {
    a[0] = 2; // RACE
  }, 500);
} else {
  const { a, many } = workerData;
  Atomics.store(a, 0, 1); // RACE
  for (let i = 0; i < many.length; i++) many[i] = i;
  // Alive until after the write: the 'exit' event would order everything before it.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
}
