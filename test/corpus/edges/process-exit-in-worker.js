// expect: norace
// A worker that ends with process.exit(3) in the middle of its script: its writes before
// the call are ordered before the parent's 'exit' handler, which sees the exit code 3.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  new Worker(__filename, { workerData: a }).on('exit', (code) => {
    if (code !== 3) throw new Error(`exit code ${code}`);
    if (a[0] !== 5 || a[1] !== 6) throw new Error(`a = ${a[0]} ${a[1]}`);
    a[0] = 0;
  });
} else {
  const a = workerData;
  a[0] = 5;
  a[1] = 6;
  process.exit(3);
  a[1] = 7; // never runs
}
