// expect: norace
// The worker grows the shared buffer (received in a message, not workerData) to 48 bytes,
// writes element 10 of the grown region and posts back; the parent, on the message, reads it
// through a fixed-length view made after the growth and through its length-tracking view.
const { Worker, isMainThread, parentPort } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(8, { maxByteLength: 64 });
  const tracking = new Int32Array(sab);
  const w = new Worker(__filename);
  tracking[1] = 1;
  w.postMessage(sab);
  w.once('message', () => {
    if (sab.byteLength !== 48) throw new Error(`byteLength ${sab.byteLength}`);
    if (new Int32Array(sab, 40, 2)[0] !== 10 || tracking[10] !== 10) throw new Error(`[10] = ${tracking[10]}`);
  });
} else {
  parentPort.once('message', (sab) => {
    if (new Int32Array(sab)[1] !== 1) throw new Error('[1]');
    sab.grow(48);
    new Int32Array(sab)[10] = 10;
    parentPort.postMessage('grown');
  });
}
