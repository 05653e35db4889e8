// expect: race
// As rmw-relays-to-third-thread-norace, but the first worker writes after its count: the
// relay's Atomics.add on `b` passes on only what the first worker did before its count.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(4));
  const a = new Int32Array(new SharedArrayBuffer(4));
  const b = new Int32Array(new SharedArrayBuffer(4));
  for (const role of ['first', 'relay', 'last']) new Worker(__filename, { workerData: { data, a, b, role } });
} else {
  const { data, a, b, role } = workerData;
  if (role === 'first') {
    Atomics.add(a, 0, 1);
    data[0] = 42; // RACE
  } else if (role === 'relay') {
    while (Atomics.add(a, 0, 0) === 0);
    Atomics.add(b, 0, 1);
  } else {
    while (Atomics.add(b, 0, 0) === 0);
    const seen = data[0]; // RACE
    void seen;
  }
}
