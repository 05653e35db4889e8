// expect: race
// The worker sends the SharedArrayBuffer it received back to the parent and writes it
// only afterwards: the parent's read through a view of the returned buffer races with that
// write (the buffer is the same memory whichever message carried it).
const { Worker, isMainThread, parentPort } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  const w = new Worker(__filename);
  w.postMessage({ sab });
  w.on('message', ({ sab: back }) => {
    const seen = new Int32Array(back)[1]; // RACE
    void seen;
  });
} else {
  parentPort.once('message', ({ sab }) => {
    parentPort.postMessage({ sab });
    new Int32Array(sab)[1] = 2; // RACE
  });
}
