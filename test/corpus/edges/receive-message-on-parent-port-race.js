// expect: race
// receiveMessageOnPort on the worker's parentPort, but the parent writes a[0] after its
// worker.postMessage: the worker's synchronous receipt is ordered after the send, not after
// that write.
const { Worker, isMainThread, workerData, parentPort, receiveMessageOnPort } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  const w = new Worker(__filename, { workerData: a });
  a[1] = 3;
  w.postMessage('go');
  a[0] = 4; // RACE
} else {
  const a = workerData;
  let m;
  while (!(m = receiveMessageOnPort(parentPort))) sleep(2);
  if (m.message !== 'go') throw new Error(`got ${m.message}`);
  if (a[1] !== 3) throw new Error(`a[1] = ${a[1]}`);
  const seen = a[0]; // RACE
  void seen;
}
