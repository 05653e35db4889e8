// expect: norace
// values(), entries(), for...of, spread, Array.from and array destructuring of shared typed
// arrays in the parent, after the worker's message says the elements are written
// (postMessage -> receipt is an edge). The parent checks what it iterated.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const views = (sab) => [0, 16, 32, 48, 64, 80].map((at) => new Int32Array(sab, at, 4));

if (isMainThread) {
  const sab = new SharedArrayBuffer(96);
  new Worker(__filename, { workerData: sab }).on('message', () => {
    const [a, b, c, d, e, f] = views(sab);
    const got = [];
    for (const v of a.values()) got.push(v);
    for (const [i, v] of b.entries()) got.push(i * v);
    for (const v of c) got.push(v);
    got.push(...d);
    got.push(Array.from(e).join(''));
    const [x, y] = f;
    got.push(x, y);
    if (got.join() !== '1,2,3,4,0,2,6,12,1,2,3,4,1,2,3,4,1234,1,2') throw new Error(`got ${got}`);
  });
} else {
  for (const x of views(workerData)) x.set([1, 2, 3, 4]);
  parentPort.postMessage('written');
}
