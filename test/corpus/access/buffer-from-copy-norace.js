// expect: norace
// Buffer.from(buffer) and Buffer.copyBytesFrom(view, offset, length) copy shared bytes
// after the worker's message says they are written (postMessage -> receipt is an edge).
// The parent checks the copies.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  new Worker(__filename, { workerData: sab }).on('message', () => {
    const copy = Buffer.from(Buffer.from(sab, 0, 8));
    const part = Buffer.copyBytesFrom(new Uint8Array(sab, 8, 8), 1, 2);
    if (copy.toString('hex') !== '0001000000000000' || part.toString('hex') !== '0001') {
      throw new Error(`copies ${copy.toString('hex')} / ${part.toString('hex')}`);
    }
  });
} else {
  const u8 = new Uint8Array(workerData);
  u8[1] = 1;
  u8[10] = 1;
  u8[12] = 1;
  parentPort.postMessage('written');
}
