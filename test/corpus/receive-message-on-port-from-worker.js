// expect: norace
// Worker -> parent with receiveMessageOnPort, the worker's port delivered in a message: the
// worker writes then posts 'ready', the parent polls synchronously and reads.
const { Worker, isMainThread, parentPort, MessageChannel, receiveMessageOnPort } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  new Worker(__filename).postMessage({ a, port: port1 }, [port1]);
  let m;
  while (!(m = receiveMessageOnPort(port2))) sleep(2);
  if (m.message !== 'ready') throw new Error('unexpected message');
  if (a[0] !== 3) throw new Error(`a[0] = ${a[0]}`);
  port2.close();
} else {
  parentPort.once('message', ({ a, port }) => {
    a[0] = 3;
    port.postMessage('ready');
  });
}
