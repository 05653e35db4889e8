// expect: norace
// Worker to worker over a MessageChannel made by the parent, one port handed to each worker
// in workerData's transferList: the writer writes then posts, the reader reads on receipt.
const { Worker, isMainThread, workerData, MessageChannel } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  new Worker(__filename, { workerData: { a, port: port1, role: 'writer' }, transferList: [port1] });
  new Worker(__filename, { workerData: { a, port: port2, role: 'reader' }, transferList: [port2] });
} else {
  const { a, port, role } = workerData;
  if (role === 'writer') {
    a[0] = 99;
    port.postMessage('written');
  } else {
    port.once('message', () => {
      if (a[0] !== 99) throw new Error(`a[0] = ${a[0]}`);
    });
  }
}
