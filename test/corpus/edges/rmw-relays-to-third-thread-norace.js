// expect: norace
// A read-modify-write passes on everything its thread knows, not just its own accesses:
// the first worker writes and counts on `a`; the second sees that count through its own
// Atomics.add on `a`, then counts on `b`; the third sees that through Atomics.add on `b`,
// and so is ordered after the first worker's write, which it never synchronized with.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(4));
  const a = new Int32Array(new SharedArrayBuffer(4));
  const b = new Int32Array(new SharedArrayBuffer(4));
  for (const role of ['first', 'relay', 'last']) new Worker(__filename, { workerData: { data, a, b, role } });
} else {
  const { data, a, b, role } = workerData;
  if (role === 'first') {
    data[0] = 42;
    Atomics.add(a, 0, 1);
  } else if (role === 'relay') {
    while (Atomics.add(a, 0, 0) === 0);
    Atomics.add(b, 0, 1);
  } else {
    while (Atomics.add(b, 0, 0) === 0);
    if (data[0] !== 42) throw new Error(`data[0] = ${data[0]}`);
  }
}
