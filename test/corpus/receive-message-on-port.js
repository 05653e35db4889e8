// expect: norace
// receiveMessageOnPort in both directions, each side polling synchronously: the parent
// writes a[4] and posts 'go', the worker takes it with receiveMessageOnPort, checks a[4],
// writes a[0] and posts 'ready', and the parent takes that with receiveMessageOnPort too.
const { Worker, isMainThread, workerData, MessageChannel, receiveMessageOnPort } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
function poll(port) {
  for (;;) {
    const m = receiveMessageOnPort(port);
    if (m) return m.message;
    sleep(2);
  }
}

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(32));
  const { port1, port2 } = new MessageChannel();
  new Worker(__filename, { workerData: { a, port: port1 }, transferList: [port1] });
  a[4] = 8;
  port2.postMessage('go');
  if (poll(port2) !== 'ready') throw new Error('unexpected message');
  if (a[0] !== 3) throw new Error(`a[0] = ${a[0]}`);
  port2.close();
} else {
  const { a, port } = workerData;
  if (poll(port) !== 'go') throw new Error('unexpected message');
  if (a[4] !== 8) throw new Error(`a[4] = ${a[4]}`);
  a[0] = 3;
  port.postMessage('ready');
}
