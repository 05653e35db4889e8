// expect: race
// A bulk read with an acquire inside its callback orders only the elements read after the
// acquire. forEach reads element 2 before calling the callback that waits for flag A, so
// the worker's write of data[2] (made before it releases A) races with it; for...of hands
// out it2[1] before the loop body waits for flag B, so the write of it2[1] races with it.
// The worker's other writes (data[3..5], it2[2..3]) are read after the acquires.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => ({ data: new Int32Array(sab, 0, 6), it2: new Int32Array(sab, 24, 4), flags: new Int32Array(sab, 40, 2) });

// Waits until flags[k] is set (the Atomics.load that sees it is the acquire); gives up after
// 5 s so that a failed worker cannot hang the case.
function acquire(flags, k) {
  const deadline = Date.now() + 5000;
  while (Atomics.load(flags, k) === 0) {
    if (Date.now() > deadline) throw new Error(`flag ${k} never set`);
    Atomics.wait(flags, k, 0, 100);
  }
}

if (isMainThread) {
  const sab = new SharedArrayBuffer(48);
  const { data, it2, flags } = views(sab);
  new Worker(__filename, { workerData: sab });
  const seen = [];
  data.forEach((v, i) => { // RACE
    if (i === 2) acquire(flags, 0);
    seen.push(v);
  });
  let k = 0;
  for (const v of it2) { // RACE
    if (k++ === 1) acquire(flags, 1);
    seen.push(v);
  }
  if (seen.slice(3, 6).join() !== '30,40,50' || seen.slice(8).join() !== '7,8') throw new Error(`seen ${seen}`);
} else {
  const { data, it2, flags } = views(workerData);
  data[2] = 20; // RACE
  data[3] = 30;
  data[4] = 40;
  data[5] = 50;
  Atomics.store(flags, 0, 1);
  Atomics.notify(flags, 0);
  it2[1] = 6; // RACE
  it2[2] = 7;
  it2[3] = 8;
  Atomics.store(flags, 1, 1);
  Atomics.notify(flags, 1);
}
