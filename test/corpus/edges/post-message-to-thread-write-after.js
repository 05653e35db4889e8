// expect: race
// The worker calls postMessageToThread(0, ...) and writes a[0] right after (without
// awaiting anything): the main thread's 'workerMessage' handler is ordered after the send,
// not after the later write. The worker stays alive until the parent's 'bye'.
const { Worker, isMainThread, workerData, parentPort, postMessageToThread } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(16));
  const w = new Worker(__filename, { workerData: a });
  process.once('workerMessage', (value, source) => {
    if (source !== w.threadId) throw new Error(`from thread ${source}`);
    if (a[1] !== 2) throw new Error(`a[1] = ${a[1]}`);
    const seen = a[0]; // RACE
    void seen;
    w.postMessage('bye');
  });
} else {
  const a = workerData;
  a[1] = 2;
  const sent = postMessageToThread(0, 'done');
  a[0] = 1; // RACE
  sent.catch((e) => {
    throw e;
  });
  parentPort.once('message', () => {});
}
