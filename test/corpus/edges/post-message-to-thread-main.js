// expect: norace
// worker_threads.postMessageToThread(0, value) from a worker to the main thread, received
// with process.on('workerMessage', (value, source) => ...): the worker's writes before the
// send are ordered before the handler. Two workers, each with its own slot.
const { Worker, isMainThread, workerData, postMessageToThread } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(16));
  const ids = new Map();
  let got = 0;
  const onMessage = (value, source) => {
    if (ids.get(source) !== value.i) throw new Error(`message ${JSON.stringify(value)} from thread ${source}`);
    if (a[value.i] !== 20 + value.i) throw new Error(`a[${value.i}] = ${a[value.i]}`);
    if (++got === 2) process.off('workerMessage', onMessage);
  };
  process.on('workerMessage', onMessage);
  process.on('exit', () => {
    if (got !== 2) {
      console.error(`only ${got} of 2 messages arrived`);
      process.exitCode = 1;
    }
  });
  for (const i of [0, 1]) ids.set(new Worker(__filename, { workerData: { a, i } }).threadId, i);
} else {
  const { a, i } = workerData;
  a[i] = 20 + i;
  // Stay alive until the main thread has acknowledged: a sender that ends right after
  // posting can lose the message (Node drops it with the sender's port).
  const keepAlive = setInterval(() => {}, 1000);
  postMessageToThread(0, { i }).then(() => clearInterval(keepAlive), (e) => {
    throw e;
  });
}
