// expect: norace
// Buffer.concat([sharedView]) and buf[i] element reads in the parent, after the worker that
// wrote those bytes has exited (exit is an edge). The parent checks the bytes.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  new Worker(__filename, { workerData: sab }).on('exit', () => {
    const buf = Buffer.from(sab);
    const head = Buffer.concat([Buffer.from(sab, 0, 4), Buffer.from(sab, 4, 4)]);
    if (head.toString('hex') !== '0000000000070000') throw new Error(`head = ${head.toString('hex')}`);
    if (buf[12] !== 9 || buf[13] !== 0) throw new Error(`bytes 12..13 = ${buf[12]}, ${buf[13]}`);
  });
} else {
  const buf = Buffer.from(workerData);
  buf[5] = 7;
  const sub = Buffer.from(workerData, 10, 4);
  sub[2] = 9;
}
