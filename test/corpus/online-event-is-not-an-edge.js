// expect: race
// 'online' only says the worker started running: it is emitted before the worker's own code
// is known to have done anything, so reading in the 'online' handler races with the
// worker's first write.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: a }).on('online', () => {
    const seen = a[0]; // RACE
    void seen;
  });
} else {
  workerData[0] = 1; // RACE
}
