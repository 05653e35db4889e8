// expect: norace
// The twin of growable-sab-grown-region-race: the parent grows the buffer to 32 bytes,
// writes element 5 and then tells the worker; the worker reads element 5 and writes element
// 6 of the grown region through the length-tracking view it made before the growth, and
// answers; the parent reads element 6 through its own pre-growth view.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(8, { maxByteLength: 64 });
  const v = new Int32Array(sab);
  const w = new Worker(__filename, { workerData: sab });
  sab.grow(32);
  v[5] = 5;
  w.postMessage('grown');
  w.once('message', () => {
    if (v[6] !== 6) throw new Error(`v[6] = ${v[6]}`);
  });
} else {
  const sab = workerData;
  const v = new Int32Array(sab);
  parentPort.once('message', () => {
    if (sab.byteLength !== 32 || v.length !== 8) throw new Error(`byteLength ${sab.byteLength}`);
    if (v[5] !== 5) throw new Error(`v[5] = ${v[5]}`);
    v[6] = 6;
    parentPort.postMessage('done');
  });
}
