// expect: norace
// A long spin of Atomics.load on an unchanged flag (jsrace's lock-free load path: the
// location's version has not moved since the spinner last acquired it), then the release
// store that changes it: the load that sees the new value must still acquire its clock.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(16));
  const flag = new Int32Array(new SharedArrayBuffer(8));
  for (const role of ['writer', 'spinner']) new Worker(__filename, { workerData: { data, flag, role } });
} else {
  const { data, flag, role } = workerData;
  if (role === 'writer') {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50); // let the spinner spin
    data[2] = 42;
    Atomics.store(flag, 0, 1);
  } else {
    let spins = 0;
    while (Atomics.load(flag, 0) === 0) spins++;
    Atomics.load(flag, 0); // unchanged since the acquiring load: lock-free, still ordered
    if (data[2] !== 42) throw new Error(`data ${data[2]} after ${spins} spins`);
  }
}
