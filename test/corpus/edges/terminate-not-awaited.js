// expect: race
// The parent calls terminate() on a worker that is in an endless loop of writes, but reads
// before the returned promise has resolved: the worker may still be running, and nothing
// orders its writes before that read.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  const w = new Worker(__filename, { workerData: a });
  w.once('message', async () => {
    sleep(30);
    const stopping = w.terminate();
    const seen = a[0]; // RACE
    void seen;
    await stopping;
  });
} else {
  const a = workerData;
  parentPort.postMessage('looping');
  for (let i = 1; ; i++) a[0] = i; // RACE
}
