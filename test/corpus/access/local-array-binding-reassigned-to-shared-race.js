// expect: race
// A let that first holds a local Int32Array(4) and is then given a view of shared memory
// (directly, through another binding, and through a closure's parameter): jsrace leaves only
// bindings that can hold nothing but a local array unchecked, so all three accesses count.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  const w = new Worker(__filename, { workerData: sab });
  let direct = new Int32Array(4);
  direct = new Int32Array(sab);
  direct[0] = 1; // RACE
  let copied = new Int32Array(4);
  let shared = new Int32Array(sab);
  copied = shared;
  copied[1] = 2; // RACE
  let viaClosure = new Int32Array(4);
  const adopt = (v) => { viaClosure = v; };
  adopt(new Int32Array(sab));
  viaClosure[2] += 3; // RACE
  w.on('error', (e) => { throw e; });
} else {
  const view = new Int32Array(workerData);
  view[0] = 10; // RACE
  view[1] = 20; // RACE
  view[2] = 30; // RACE
}
