// expect: race
// forEach, map, filter, reduce and reduceRight read every element of the receiver. Each
// races with the worker's write of one element: a[1], b[2], c[3], d[0] (the first
// element, read as the initial accumulator when reduce gets no initial value) and e[3]
// (likewise for reduceRight).
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => [0, 16, 32, 48, 64].map((at) => new Uint32Array(sab, at, 4));

if (isMainThread) {
  const sab = new SharedArrayBuffer(80);
  new Worker(__filename, { workerData: sab });
  const [a, b, c, d, e] = views(sab);
  let sum = 0;
  a.forEach((v) => { sum += v; }); // RACE
  const doubled = b.map((v) => v * 2); // RACE
  const odd = c.filter((v) => v % 2 === 1); // RACE
  const total = d.reduce((s, v) => s + v); // RACE
  const max = e.reduceRight((m, v) => Math.max(m, v)); // RACE
  void sum, void doubled, void odd, void total, void max;
} else {
  const [a, b, c, d, e] = views(workerData);
  a[1] = 1; // RACE
  b[2] = 1; // RACE
  c[3] = 1; // RACE
  d[0] = 1; // RACE
  e[3] = 1; // RACE
}
