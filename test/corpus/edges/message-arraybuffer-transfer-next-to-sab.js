// expect: norace
// A message carrying a SharedArrayBuffer and a plain ArrayBuffer that is in the transferList
// orders the sender's earlier writes to the shared buffer as any message does. Both ways:
// parent -> worker, then the worker answers with the shared buffer and the (re-)transferred
// ArrayBuffer.
const { Worker, isMainThread, parentPort } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  const shared = new Int32Array(sab);
  const ab = new ArrayBuffer(8);
  new Uint8Array(ab)[0] = 11;
  const w = new Worker(__filename);
  shared[0] = 5;
  w.postMessage({ sab, ab }, [ab]);
  if (ab.byteLength !== 0) throw new Error('ArrayBuffer not transferred');
  w.once('message', ({ sab: back, ab: ab2 }) => {
    if (new Uint8Array(ab2)[0] !== 12) throw new Error('ArrayBuffer content');
    if (shared[1] !== 6 || new Int32Array(back)[1] !== 6) throw new Error(`shared[1] = ${shared[1]}`);
  });
} else {
  parentPort.once('message', ({ sab, ab }) => {
    const shared = new Int32Array(sab);
    if (shared[0] !== 5) throw new Error(`shared[0] = ${shared[0]}`);
    if (new Uint8Array(ab)[0] !== 11) throw new Error('ArrayBuffer content');
    new Uint8Array(ab)[0] = 12;
    shared[1] = 6;
    parentPort.postMessage({ sab, ab }, [ab]);
  });
}
