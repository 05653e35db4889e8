// expect: norace
// Parent -> worker: the parent writes after creating the worker, then posts 'go'; the worker
// reads on receipt (parentPort.on('message')), updates and answers, and the parent checks
// the update on the answer.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  const w = new Worker(__filename, { workerData: a });
  a[0] = 5;
  w.postMessage('go');
  w.on('message', () => {
    if (a[0] !== 6) throw new Error(`a[0] = ${a[0]}`);
  });
} else {
  parentPort.once('message', () => {
    if (workerData[0] !== 5) throw new Error(`a[0] = ${workerData[0]}`);
    workerData[0] = 6;
    parentPort.postMessage('done');
  });
}
