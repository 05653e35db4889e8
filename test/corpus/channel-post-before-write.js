// expect: race
// The same MessageChannel between two workers, but the writer posts before writing: the
// reader's read on receipt is not ordered after the write.
const { Worker, isMainThread, workerData, MessageChannel } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  new Worker(__filename, { workerData: { a, port: port1, role: 'writer' }, transferList: [port1] });
  new Worker(__filename, { workerData: { a, port: port2, role: 'reader' }, transferList: [port2] });
} else {
  const { a, port, role } = workerData;
  if (role === 'writer') {
    port.postMessage('about to write');
    a[0] = 99; // RACE
  } else {
    port.once('message', () => {
      const seen = a[0]; // RACE
      void seen;
    });
  }
}
