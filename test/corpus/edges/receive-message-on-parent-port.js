// expect: norace
// receiveMessageOnPort on the worker's parentPort: the parent writes a[0] and calls
// worker.postMessage; the worker polls parentPort synchronously (no 'message' listener),
// checks a[0], writes a[1] and answers with parentPort.postMessage; the parent reads a[1]
// in its 'message' handler.
const { Worker, isMainThread, workerData, parentPort, receiveMessageOnPort } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  const w = new Worker(__filename, { workerData: a });
  a[0] = 4;
  w.postMessage('go');
  w.once('message', (m) => {
    if (m !== 'ready' || a[1] !== 5) throw new Error(`${m}: a[1] = ${a[1]}`);
  });
} else {
  const a = workerData;
  let m;
  while (!(m = receiveMessageOnPort(parentPort))) sleep(2);
  if (m.message !== 'go') throw new Error(`got ${m.message}`);
  if (a[0] !== 4) throw new Error(`a[0] = ${a[0]}`);
  a[1] = 5;
  parentPort.postMessage('ready');
}
