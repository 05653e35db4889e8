// expect: race
// An atomic access and a plain access to the same element race: Atomics.store vs a plain
// read of a[0], and a plain write vs Atomics.load of a[4]. Neither pair synchronises.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(32));
  new Worker(__filename, { workerData: { a, role: 'one' } });
  new Worker(__filename, { workerData: { a, role: 'two' } });
} else {
  const { a, role } = workerData;
  if (role === 'one') {
    Atomics.store(a, 0, 1); // RACE
    a[4] = 1; // RACE
  } else {
    const x = a[0]; // RACE
    const y = Atomics.load(a, 4); // RACE
    void x, void y;
  }
}
