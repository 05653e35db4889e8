// expect: norace
// Transitivity: worker A writes and tells the parent, the parent (without touching the
// array) tells worker B, and B reads. A's write -> A's send -> parent's receipt -> parent's
// send -> B's receipt -> B's read.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  const writer = new Worker(__filename, { workerData: { a, role: 'writer' } });
  const reader = new Worker(__filename, { workerData: { a, role: 'reader' } });
  writer.on('message', () => reader.postMessage('your turn'));
} else if (workerData.role === 'writer') {
  workerData.a[0] = 11;
  parentPort.postMessage('written');
} else {
  parentPort.once('message', () => {
    if (workerData.a[0] !== 11) throw new Error(`a[0] = ${workerData.a[0]}`);
  });
}
