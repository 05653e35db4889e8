// expect: norace
// The worker writes its results and then posts 'done' on parentPort: the parent's
// worker.on('message') listener is ordered after the writes.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(16));
  new Worker(__filename, { workerData: a }).on('message', (m) => {
    if (m !== 'done') throw new Error(`message ${m}`);
    for (let i = 0; i < 4; i++) if (a[i] !== 100 + i) throw new Error(`a[${i}] = ${a[i]}`);
  });
} else {
  for (let i = 0; i < 4; i++) workerData[i] = 100 + i;
  parentPort.postMessage('done');
}
