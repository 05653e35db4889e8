// expect: race
// The parent posts {sab, ab} with the ArrayBuffer in the transferList and writes the shared
// buffer only after posting: the worker's read on receipt races with that write. (The
// transferred ArrayBuffer is private memory and never races.)
const { Worker, isMainThread, parentPort } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  const shared = new Int32Array(sab);
  const ab = new ArrayBuffer(8);
  const w = new Worker(__filename);
  w.postMessage({ sab, ab }, [ab]);
  shared[0] = 5; // RACE
} else {
  parentPort.once('message', ({ sab, ab }) => {
    new Uint8Array(ab)[0] = 1;
    const seen = new Int32Array(sab)[0]; // RACE
    void seen;
  });
}
