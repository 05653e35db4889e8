// expect: norace
// Interleavings inside one thread are never races: a worker runs three async tasks that
// read, await (promise, setTimeout, setImmediate), and write back the same elements. The
// parent, after the worker's exit, does the same with its own timers and promises.
const { Worker, isMainThread, workerData } = require('worker_threads');

const tick = (k) => new Promise((r) => (k % 3 === 0 ? setTimeout(r, 1) : k % 3 === 1 ? setImmediate(r) : queueMicrotask(r)));

async function task(a, k) {
  for (let r = 0; r < 5; r++) {
    const v = a[0];
    await tick(k + r);
    a[0] = v + 1;
    a[1] |= 1 << k;
    await null;
  }
}

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  new Worker(__filename, { workerData: a }).on('exit', async () => {
    if (a[1] !== 0b111) throw new Error(`worker bits ${a[1]}`);
    const before = a[0];
    await Promise.all([task(a, 0), task(a, 1), task(a, 2)]);
    if (a[1] !== 0b111 || a[0] <= before) throw new Error(`main saw ${a[0]} ${a[1]}`);
  });
} else {
  void Promise.all([task(workerData, 0), task(workerData, 1), task(workerData, 2)]);
}
