// expect: race
// The worker posts 'done' and only then writes a[0]: the message orders a[4] (written before
// the send) but not a[0], so the parent's read of a[0] on receipt races.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(32));
  new Worker(__filename, { workerData: a }).on('message', () => {
    if (a[4] !== 5) throw new Error(`a[4] = ${a[4]}`);
    const late = a[0]; // RACE
    void late;
  });
} else {
  workerData[4] = 5;
  parentPort.postMessage('done');
  workerData[0] = 1; // RACE
}
