// expect: norace
// TypedArray set(source, offset) with an array-like source, then a message to the worker,
// which reads the written elements only after the message arrives and checks them.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const i32 = new Int32Array(new SharedArrayBuffer(16));
  const w = new Worker(__filename, { workerData: i32 });
  i32.set({ length: 2, 0: 1, 1: 2 }, 1);
  w.postMessage('set');
} else {
  parentPort.once('message', () => {
    if (workerData.join() !== '0,1,2,0') throw new Error(`got ${workerData}`);
    parentPort.close();
  });
}
