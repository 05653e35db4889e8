// expect: race
// The worker posts on the BroadcastChannel and writes a[0] only afterwards: the parent's
// handler is ordered after the post, not after the later write. (The worker waits for the
// parent's 'bye' before it ends, so its exit orders nothing before the read.)
const { Worker, isMainThread, workerData, parentPort, BroadcastChannel } = require('worker_threads');

const NAME = 'jsrace-edges-broadcast-too-early';

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(16));
  const bc = new BroadcastChannel(NAME);
  const w = new Worker(__filename, { workerData: a });
  bc.onmessage = () => {
    if (a[1] !== 2) throw new Error(`a[1] = ${a[1]}`);
    const seen = a[0]; // RACE
    void seen;
    bc.close();
    w.postMessage('bye');
  };
} else {
  const a = workerData;
  const bc = new BroadcastChannel(NAME);
  a[1] = 2;
  bc.postMessage('done');
  a[0] = 1; // RACE
  bc.close();
  parentPort.once('message', () => {});
}
