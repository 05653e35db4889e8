// expect: race
// One Atomics call site serves two buffers in turn. The worker's plain write to b[2] meets
// the main thread's Atomics.add on b[2] with no edge between them: the site's cached element
// for buffer a must not hide the access to b.
const { Worker, isMainThread, workerData } = require('worker_threads');

function bump(view, i) {
  return Atomics.add(view, i, 1); // RACE
}

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(16));
  const b = new Int32Array(new SharedArrayBuffer(16));
  new Worker(__filename, { workerData: { b } });
  for (let k = 0; k < 2000; k++) {
    bump(a, 2);
    bump(a, k & 3);
    bump(b, 2);
  }
} else {
  workerData.b[2] = 7; // RACE
}
