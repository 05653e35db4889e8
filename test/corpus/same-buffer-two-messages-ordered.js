// expect: norace
// The same SharedArrayBuffer reaches a worker in two messages. The worker writes through the
// first arrival before telling the parent; the parent reads that and writes a[0] before the
// second message, which the worker reads through the second arrival. Every cross-thread
// pair is ordered by a message.
const { Worker, isMainThread, parentPort } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  const a = new Int32Array(sab);
  const w = new Worker(__filename);
  w.postMessage({ sab });
  w.once('message', () => {
    if (a[2] !== 5) throw new Error(`a[2] = ${a[2]}`);
    a[0] = 1;
    w.postMessage({ sab });
  });
} else {
  let first;
  const onMessage = ({ sab }) => {
    if (!first) {
      first = new Int32Array(sab);
      first[2] = 5;
      parentPort.postMessage('written');
      return;
    }
    parentPort.off('message', onMessage);
    const second = new Int32Array(sab);
    if (second[0] !== 1 || second[2] !== 5 || first[0] !== 1) throw new Error('wrong values');
  };
  parentPort.on('message', onMessage);
}
