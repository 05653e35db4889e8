// expect: race
// Console output is no edge, even though a worker's console.log travels to the main thread
// internally: the worker writes a[0] and logs; the parent reads 200 ms later from a timer
// (also no edge). The worker waits for the parent's 'bye' before ending.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  const w = new Worker(__filename, { workerData: a });
  setTimeout(() => {
    const seen = a[0]; // RACE
    console.log(`parent read ${seen}`);
    w.postMessage('bye');
  }, 200);
} else {
  const a = workerData;
  a[0] = 1; // RACE
  console.log('worker wrote a[0]');
  console.error('worker wrote a[0] (stderr)');
  parentPort.once('message', () => {});
}
