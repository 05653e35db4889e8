// expect: norace
// Array destructuring without a rest element steps the iterator once per target and then
// stops: `const [x, y] = ta` reads ta[0] and ta[1] only, so the worker's concurrent writes
// of ta[2] and ta[3] are not racing. ta[0] and ta[1] were written before the worker was
// created; the parent checks them.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const ta = new Int16Array(new SharedArrayBuffer(8));
  ta[0] = 10;
  ta[1] = 20;
  new Worker(__filename, { workerData: ta });
  const [x, y] = ta;
  if (x !== 10 || y !== 20) throw new Error(`got ${x}, ${y}`);
} else {
  workerData[2] = 1;
  workerData[3] = 1;
}
