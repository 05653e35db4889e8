// expect: norace
// copyWithin and slice on shared typed arrays in the parent, after the worker that wrote
// the source elements has exited (exit is an edge). The parent checks the results.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => ({ a: new Int32Array(sab, 0, 8), b: new Float32Array(sab, 32, 8) });

if (isMainThread) {
  const sab = new SharedArrayBuffer(64);
  new Worker(__filename, { workerData: sab }).on('exit', () => {
    const { a, b } = views(sab);
    a.copyWithin(4, 0, 2);
    if (a.join() !== '0,3,3,0,0,3,0,0') throw new Error(`a = ${a}`);
    const part = b.slice(1, 3);
    if (part.join() !== '0,1.5') throw new Error(`slice = ${part}`);
  });
} else {
  const { a, b } = views(workerData);
  a[1] = 3;
  a[2] = 3;
  b[0] = 1.5;
  b[2] = 1.5;
  b[3] = 1.5;
}
