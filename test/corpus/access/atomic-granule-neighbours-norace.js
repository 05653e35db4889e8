// expect: norace
// An atomic counter and plain elements beside it in the same 8 bytes: one worker adds to
// a[0] with Atomics while the other writes a[1] plainly, and both read a[2..3] of the next
// granule. Atomics are recorded in their location's row, not in the granule's cells, and a
// plain access meets them only on the bytes they touch.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(16));
  a[2] = 5;
  new Worker(__filename, { workerData: { a, role: 'counter' } });
  new Worker(__filename, { workerData: { a, role: 'plain' } });
} else {
  const { a, role } = workerData;
  let seen = 0;
  for (let i = 0; i < 2000; i++) {
    if (role === 'counter') Atomics.add(a, 0, 1);
    else a[1] = i;
    seen += a[2] + Atomics.load(a, 3);
  }
  void seen;
}
