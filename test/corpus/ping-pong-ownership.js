// expect: norace
// Ownership of a plain counter passes back and forth with messages for 10 rounds; each
// side touches it only while it holds the last message, so every access is ordered.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  const w = new Worker(__filename, { workerData: a });
  let rounds = 0;
  a[0] += 1;
  w.postMessage('ping');
  w.on('message', () => {
    if (a[0] !== 2 * (rounds + 1)) throw new Error(`round ${rounds}: a[0] = ${a[0]}`);
    if (++rounds === 10) {
      w.postMessage('stop');
      return;
    }
    a[0] += 1;
    w.postMessage('ping');
  });
  w.on('exit', () => {
    if (a[0] !== 20) throw new Error(`a[0] = ${a[0]}`);
  });
} else {
  parentPort.on('message', (m) => {
    if (m === 'stop') {
      parentPort.close();
      return;
    }
    workerData[0] += 1;
    parentPort.postMessage('pong');
  });
}
