// expect: race
// Atomics.store through a test double (which calls the real one) against a plain read of
// the same element: the report still names the line of the spied call.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  new Worker(__filename, { workerData: { a, role: 'one' } });
  new Worker(__filename, { workerData: { a, role: 'two' } });
} else {
  const { a, role } = workerData;
  const real = Atomics.store;
  Atomics.store = function (...args) {
    return real.apply(this, args);
  };
  if (role === 'one') {
    Atomics.store(a, 1, 7); // RACE
  } else {
    const x = a[1]; // RACE
    void x;
  }
}
