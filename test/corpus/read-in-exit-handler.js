// expect: norace
// The worker's writes happen-before the parent's 'exit' event: reading the results there is
// ordered after them.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(32));
  new Worker(__filename, { workerData: a }).on('exit', () => {
    for (let i = 0; i < 8; i++) if (a[i] !== i * i) throw new Error(`a[${i}] = ${a[i]}`);
  });
} else {
  for (let i = 0; i < 8; i++) workerData[i] = i * i;
}
