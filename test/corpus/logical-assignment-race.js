// expect: race
// Logical assignments: `||=` reads and (when falsy) writes, `&&=` reads and (when truthy)
// writes, `??=` on a typed array only ever reads. Whatever order the two threads run in,
// each marked pair has a write in it.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(32));
  new Worker(__filename, { workerData: a });
  a[0] &&= 3; // RACE
  a[4] = 2; // RACE
} else {
  workerData[0] ||= 7; // RACE
  workerData[4] ??= 1; // RACE
}
