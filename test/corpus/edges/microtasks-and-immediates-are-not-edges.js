// expect: race
// queueMicrotask, setImmediate, process.nextTick, an async generator and awaited promises
// on the parent order nothing with respect to a worker: the parent hops through all of them
// (and 100 ms of timer) before reading what the worker wrote. The worker stays alive
// until the parent's 'bye'.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

async function* ticks() {
  yield await new Promise((r) => queueMicrotask(r));
  yield await new Promise((r) => setImmediate(r));
  yield await new Promise((r) => process.nextTick(r));
  yield await new Promise((r) => setTimeout(r, 100));
}

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  const w = new Worker(__filename, { workerData: a });
  (async () => {
    for await (const _ of ticks());
    const seen = a[0]; // RACE
    void seen;
    w.postMessage('bye');
  })();
} else {
  const a = workerData;
  Promise.resolve().then(() => {
    a[0] = 1; // RACE
  });
  parentPort.once('message', () => {});
}
