// expect: race
// The parent posts 'go' first and writes afterwards: the worker's read on receipt is not
// ordered after the write.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  const w = new Worker(__filename, { workerData: a });
  w.postMessage('go');
  a[0] = 5; // RACE
} else {
  parentPort.once('message', () => {
    const seen = workerData[0]; // RACE
    void seen;
  });
}
