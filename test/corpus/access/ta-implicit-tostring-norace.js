// expect: norace
// Typed arrays converted to strings (template literal, String(), + '') after the worker
// that wrote them has exited (exit is an edge). The parent checks the strings.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => [0, 8, 16].map((at) => new Uint8Array(sab, at, 4));

if (isMainThread) {
  const sab = new SharedArrayBuffer(24);
  new Worker(__filename, { workerData: sab }).on('exit', () => {
    const [a, b, c] = views(sab);
    const got = [`${a}`, String(b), c + ''].join('|');
    if (got !== '0,1,0,0|0,0,1,0|0,0,0,1') throw new Error(`got ${got}`);
  });
} else {
  const [a, b, c] = views(workerData);
  a[1] = 1;
  b[2] = 1;
  c[3] = 1;
}
