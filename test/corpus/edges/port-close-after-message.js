// expect: norace
// The worker writes, posts on its channel port and then closes it. The message orders the
// write before the parent's 'message' handler; the parent reads again in the 'close'
// handler, which runs later on the same thread.
const { Worker, isMainThread, workerData, MessageChannel } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  new Worker(__filename, { workerData: { a, port: port1 }, transferList: [port1] });
  let got = false;
  port2.on('message', () => {
    got = true;
    if (a[0] !== 1) throw new Error(`a[0] = ${a[0]}`);
  });
  port2.on('close', () => {
    if (!got) throw new Error('closed before the message');
    if (a[0] !== 1) throw new Error(`a[0] = ${a[0]} at close`);
  });
} else {
  const { a, port } = workerData;
  a[0] = 1;
  port.postMessage('written');
  port.close();
}
