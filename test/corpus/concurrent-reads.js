// expect: norace
// Reads never race with reads: three workers and the parent read the same elements at the
// same time, after the parent initialised them before creating the workers.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

function sum(a) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4 * 64));
  for (let i = 0; i < a.length; i++) a[i] = i;
  for (let w = 0; w < 3; w++) {
    new Worker(__filename, { workerData: a }).on('message', (s) => {
      if (s !== 2016) throw new Error(`worker sum ${s}`);
    });
  }
  for (let r = 0; r < 20; r++) if (sum(a) !== 2016) throw new Error('parent sum');
} else {
  let s = 0;
  for (let r = 0; r < 20; r++) s = sum(workerData);
  parentPort.postMessage(s);
}
