// expect: race
// Like callback-data-before-worker-or-message-norace, but the parent writes data[7] after
// posting its message: the worker's forEach on receipt reads data[7] unordered with that
// write. Everything else it reads was written before the worker's creation or the message.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(32));
  data.set([1, 2, 3, 4]);
  const w = new Worker(__filename, { workerData: data });
  data[4] = 5;
  data[5] = 6;
  data.fill(7, 6, 7);
  w.postMessage('rest written');
  data[7] = 8; // RACE
} else {
  const data = workerData;
  let early = 0;
  data.subarray(0, 4).forEach((v) => { early += v; });
  if (early !== 10) throw new Error(`early sum ${early}`);
  parentPort.once('message', () => {
    let all = 0;
    data.forEach((v) => { all += v; }); // RACE
    void all;
    parentPort.close();
  });
}
