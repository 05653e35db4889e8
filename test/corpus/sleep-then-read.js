// expect: race
// The same worker as terminate-then-read, but the parent only sleeps before reading and
// terminates afterwards: elapsed time is no edge, so the read races with the write made
// after the worker's last message.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  const w = new Worker(__filename, { workerData: a });
  w.once('message', () => {
    sleep(200);
    const seen = a[0]; // RACE
    void seen;
    void w.terminate();
  });
} else {
  parentPort.postMessage('started');
  workerData[0] = 7; // RACE
  setInterval(() => {}, 1000); // stay alive until terminated
}
