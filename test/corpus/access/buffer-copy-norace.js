// expect: norace
// buf.copy with a shared source, a shared target, and both shared, ordered by a message:
// the parent copies first and then posts to the worker, which reads the copied bytes and
// overwrites the sources only after the message arrives. The worker checks what it reads.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const views = (sab) => [0, 16, 32, 40].map((at) => Buffer.from(sab, at, 8));

if (isMainThread) {
  const sab = new SharedArrayBuffer(48);
  const [src, dst, x, y] = views(sab);
  src.write('ABCDEFGH');
  x.write('wxyz');
  const w = new Worker(__filename, { workerData: sab });
  const local = Buffer.alloc(8);
  src.copy(local, 0, 0, 4);
  src.copy(local, 4, 4, 8);
  if (local.toString() !== 'ABCDEFGH') throw new Error(`copied ${local}`);
  Buffer.from('abcd').copy(dst, 2);
  x.copy(y, 0, 0, 4);
  w.postMessage('copied');
} else {
  const [src, dst, x, y] = views(workerData);
  parentPort.once('message', () => {
    src.writeInt16LE(5, 2);
    if (dst[5] !== 0x64 || dst[6] !== 0) throw new Error(`dst = ${dst.toString('hex')}`);
    x[1] = 1;
    if (y.toString('latin1', 0, 4) !== 'wxyz') throw new Error(`y = ${y.toString('hex')}`);
    parentPort.close();
  });
}
