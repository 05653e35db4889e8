// expect: race
// Closing a MessagePort is not an edge by itself: the worker writes a[0] and closes its end
// of a channel; the parent reads a[0] in the other end's 'close' handler. No message was
// sent, so nothing orders the write before the read. (The worker waits for the parent's
// 'bye' before it ends, so its exit orders nothing either.)
const { Worker, isMainThread, workerData, parentPort, MessageChannel } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const w = new Worker(__filename, { workerData: { a, port: port1 }, transferList: [port1] });
  port2.on('close', () => {
    const seen = a[0]; // RACE
    void seen;
    w.postMessage('bye');
  });
  port2.start();
} else {
  const { a, port } = workerData;
  a[0] = 1; // RACE
  port.close();
  parentPort.once('message', () => {});
}
