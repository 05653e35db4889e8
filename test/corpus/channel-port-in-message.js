// expect: norace
// A MessageChannel port transferred to the worker inside a worker.postMessage message, used
// in both directions: parent writes a[0] then posts on port1, the worker reads it on port2,
// writes a[4] and answers on port2, and the parent reads a[4] on port1.
const { Worker, isMainThread, parentPort, MessageChannel } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(32));
  const w = new Worker(__filename);
  const { port1, port2 } = new MessageChannel();
  w.postMessage({ a, port: port2 }, [port2]);
  a[0] = 1;
  port1.postMessage('go');
  port1.once('message', () => {
    if (a[4] !== 2) throw new Error(`a[4] = ${a[4]}`);
    port1.close();
  });
} else {
  parentPort.once('message', ({ a, port }) => {
    port.once('message', () => {
      if (a[0] !== 1) throw new Error(`a[0] = ${a[0]}`);
      a[4] = 2;
      port.postMessage('done');
    });
  });
}
