// expect: norace
// terminate() while the worker is in the middle of an endless loop of plain writes: once
// `await worker.terminate()` has resolved, the worker has stopped and everything it did is
// ordered before the parent's read and write.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  const w = new Worker(__filename, { workerData: a });
  w.once('message', async () => {
    sleep(30);
    const code = await w.terminate();
    if (code !== 1) throw new Error(`terminate resolved ${code}`);
    const last = a[0];
    if (!(last > 0) || (a[1] !== last && a[1] !== last - 1)) throw new Error(`a = ${a[0]} ${a[1]}`);
    a[0] = -1;
    a[1] = -1;
  });
} else {
  const a = workerData;
  parentPort.postMessage('looping');
  for (let i = 1; ; i++) {
    a[0] = i;
    a[1] = i;
  }
}
