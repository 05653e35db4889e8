// expect: race
// The worker posts 'ready' and writes afterwards; the parent takes the message with
// receiveMessageOnPort and reads: the write is not ordered before the read.
const { Worker, isMainThread, workerData, MessageChannel, receiveMessageOnPort } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  new Worker(__filename, { workerData: { a, port: port1 }, transferList: [port1] });
  while (!receiveMessageOnPort(port2)) sleep(2);
  const seen = a[0]; // RACE
  void seen;
  port2.close();
} else {
  const { a, port } = workerData;
  port.postMessage('ready');
  a[0] = 3; // RACE
}
