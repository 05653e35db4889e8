// expect: norace
// forEach, map, filter, reduce and reduceRight in the parent after the worker that wrote
// the elements has exited (exit is an edge). The parent checks the results.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => [0, 16, 32, 48, 64].map((at) => new Uint32Array(sab, at, 4));

if (isMainThread) {
  const sab = new SharedArrayBuffer(80);
  new Worker(__filename, { workerData: sab }).on('exit', () => {
    const [a, b, c, d, e] = views(sab);
    let sum = 0;
    a.forEach((v) => { sum += v; });
    const doubled = b.map((v) => v * 2);
    const odd = c.filter((v) => v % 2 === 1);
    const total = d.reduce((s, v) => s + v);
    const max = e.reduceRight((m, v) => Math.max(m, v));
    const got = [sum, doubled.join(' '), odd.join(' '), total, max].join('|');
    if (got !== '10|2 4 6 8|1 3|10|9') throw new Error(`got ${got}`);
  });
} else {
  const [a, b, c, d, e] = views(workerData);
  for (const x of [a, b, c, d]) x.set([1, 2, 3, 4]);
  e.set([3, 9, 2, 7]);
}
