// expect: race
// As load-after-store-unlocked-acquire-norace.js, but the writer also writes after its
// release: that write is not ordered before the reader's read, which races with it.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(16));
  const flag = new Int32Array(new SharedArrayBuffer(8));
  for (const role of ['writer', 'reader']) new Worker(__filename, { workerData: { data, flag, role } });
} else {
  const { data, flag, role } = workerData;
  const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  if (role === 'writer') {
    pause(30);
    data[2] = 42;
    Atomics.store(flag, 0, 1);
    data[3] = 7; // RACE
  } else {
    while (Atomics.load(flag, 0) === 0) pause(5);
    pause(20);
    if (data[2] !== 42 || data[3] !== 7) throw new Error(`data ${data[2]} ${data[3]}`); // RACE
  }
}
