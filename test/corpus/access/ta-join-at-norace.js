// expect: norace
// join, at and toLocaleString in the parent after an acquire: the worker writes, then
// Atomics.store(flag) + notify; the parent waits until Atomics.load(flag) sees 1 (a
// same-range Atomics store -> load is an edge) and checks what it reads.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => ({ j: new Uint8Array(sab, 0, 4), t: new Int32Array(sab, 8, 4), l: new Float64Array(sab, 24, 1), flag: new Int32Array(sab, 32, 1) });

if (isMainThread) {
  const sab = new SharedArrayBuffer(40);
  new Worker(__filename, { workerData: sab });
  const { j, t, l, flag } = views(sab);
  const deadline = Date.now() + 5000;
  while (Atomics.load(flag, 0) === 0) {
    if (Date.now() > deadline) throw new Error('the worker never set the flag');
    Atomics.wait(flag, 0, 0, 100);
  }
  const seen = [j.join('-'), t.at(0), t.at(-1), l.toLocaleString('en-US')];
  if (seen.join('|') !== '0-0-1-0|0|1|1.5') throw new Error(`seen ${seen.join('|')}`);
} else {
  const { j, t, l, flag } = views(workerData);
  j[2] = 1;
  t[2] = 1;
  t[3] = 1;
  l[0] = 1.5;
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
