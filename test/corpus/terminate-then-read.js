// expect: norace
// The worker writes after its last message and then idles until terminated. The parent reads
// only after `await worker.terminate()`, which waits for the exit: ordered. (The sleep only
// gives the write time to happen so the value check holds; it is not what orders the read.)
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  const w = new Worker(__filename, { workerData: a });
  w.once('message', async () => {
    sleep(200);
    const code = await w.terminate();
    if (code !== 1) throw new Error(`terminate resolved ${code}`);
    if (a[0] !== 7) throw new Error(`a[0] = ${a[0]}`);
  });
} else {
  parentPort.postMessage('started');
  workerData[0] = 7;
  setInterval(() => {}, 1000); // stay alive until terminated
}
