// expect: norace
// A SharedArrayBuffer that travels only in messages, and is sent again: the parent posts
// it to the worker, the worker writes through a fresh view and posts the same buffer back,
// the parent reads through a view of the received copy and through its original view,
// writes, and sends the buffer a second time; the worker checks that write.
const { Worker, isMainThread, parentPort } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  const mine = new Int32Array(sab);
  const w = new Worker(__filename);
  mine[0] = 1;
  w.postMessage({ sab, round: 1 });
  w.on('message', ({ sab: back }) => {
    const theirs = new Int32Array(back);
    if (theirs[1] !== 2 || mine[1] !== 2) throw new Error(`[1] = ${theirs[1]} ${mine[1]}`);
    mine[2] = 3;
    w.postMessage({ sab: back, round: 2 });
  });
} else {
  parentPort.on('message', ({ sab, round }) => {
    const v = new Int32Array(sab);
    if (round === 1) {
      if (v[0] !== 1) throw new Error(`[0] = ${v[0]}`);
      v[1] = 2;
      parentPort.postMessage({ sab });
    } else {
      if (v[2] !== 3) throw new Error(`[2] = ${v[2]}`);
      parentPort.close();
    }
  });
}
