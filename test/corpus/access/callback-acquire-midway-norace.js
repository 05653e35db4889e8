// expect: norace
// A bulk read with an acquire inside its callback: forEach reads element i just before it
// calls the callback for i, and for...of reads element i when it hands it to the loop body.
// The worker writes data[3..5] and then releases flag A, writes it2[2..3] and releases
// flag B. The parent's forEach callback waits for A while handling element 2, so elements
// 3..5 are read after the acquire; its for...of body waits for B while handling element 1,
// so elements 2..3 are read after that acquire. Elements read before an acquire are never
// written by the worker. The parent checks every value.
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
  data.forEach((v, i) => {
    if (i === 2) acquire(flags, 0);
    seen.push(v);
  });
  let k = 0;
  for (const v of it2) {
    if (k++ === 1) acquire(flags, 1);
    seen.push(v);
  }
  if (seen.join() !== '0,0,0,30,40,50,0,0,7,8') throw new Error(`seen ${seen}`);
} else {
  const { data, it2, flags } = views(workerData);
  data[3] = 30;
  data[4] = 40;
  data[5] = 50;
  Atomics.store(flags, 0, 1);
  Atomics.notify(flags, 0);
  it2[2] = 7;
  it2[3] = 8;
  Atomics.store(flags, 1, 1);
  Atomics.notify(flags, 1);
}
