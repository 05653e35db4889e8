// expect: race
// The worker writes and calls process.exit(3), but the parent reads while it is still
// blocked in its own synchronous code (a 300 ms sleep right after new Worker), before it has
// handled the worker's 'exit' event: the exit has not been joined yet, so the read races.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  new Worker(__filename, { workerData: a }).on('exit', (code) => {
    if (code !== 3) throw new Error(`exit code ${code}`);
  });
  sleep(300);
  const seen = a[0]; // RACE
  void seen;
} else {
  const a = workerData;
  a[0] = 5; // RACE
  process.exit(3);
}
