// expect: race
// main -> A -> B. A tells main 'spawned' right after creating B, without waiting for B's
// exit: main's read on that message is ordered after A's creation of B but not after B's
// write.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { a, depth: 1 } }).on('message', () => {
    const seen = a[0]; // RACE
    void seen;
  });
} else if (workerData.depth === 1) {
  new Worker(__filename, { workerData: { a: workerData.a, depth: 2 } });
  parentPort.postMessage('spawned');
} else {
  workerData.a[0] = 1; // RACE
}
