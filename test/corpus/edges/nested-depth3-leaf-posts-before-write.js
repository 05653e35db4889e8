// expect: race
// Depth 3 (main -> A -> B -> C), relaying up by messages at every level, but the leaf C
// posts before it writes a[2]. Main's read on A's relayed message is ordered after C's
// post, not after the write. C stays blocked until main has read, so no exit joins it.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(12));
  const bye = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { a, bye, role: 'A' } }).once('message', () => {
    if (a[1] !== 2) throw new Error(`a[1] = ${a[1]}`);
    const seen = a[2]; // RACE
    void seen;
    Atomics.store(bye, 0, 1);
    Atomics.notify(bye, 0);
  });
} else {
  const { a, bye, role } = workerData;
  if (role === 'A') {
    new Worker(__filename, { workerData: { a, bye, role: 'B' } }).once('message', () => parentPort.postMessage('up'));
  } else if (role === 'B') {
    new Worker(__filename, { workerData: { a, bye, role: 'C' } }).once('message', () => parentPort.postMessage('up'));
  } else {
    a[1] = 2;
    parentPort.postMessage('up');
    a[2] = 3; // RACE
    Atomics.wait(bye, 0, 0);
  }
}
