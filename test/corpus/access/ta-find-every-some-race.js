// expect: race
// find/findIndex/findLast/findLastIndex/every/some read elements one by one and stop at
// the answer. a.find and c.findLast find nothing and read all of a and c; b.findIndex
// finds b[1] (reads b[0..1]); d.findLastIndex finds d[2] scanning down (reads d[3..2]);
// e.every and f.some hold/fail for every element and read all. Each races with the
// worker's write of an element it reads; the worker's writes of b[3] and d[1] are past
// the answers and are not read. The worker writes 1, which changes no answer.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => [0, 16, 32, 48, 64, 80].map((at) => new Int32Array(sab, at, 4));

if (isMainThread) {
  const sab = new SharedArrayBuffer(96);
  const [a, b, c, d, e, f] = views(sab);
  b[1] = 5;
  d[2] = 5;
  new Worker(__filename, { workerData: sab });
  const got = [];
  got.push(a.find((v) => v === 99)); // RACE
  got.push(b.findIndex((v) => v === 5)); // RACE
  got.push(c.findLast((v) => v === 99)); // RACE
  got.push(d.findLastIndex((v) => v === 5)); // RACE
  got.push(e.every((v) => v >= 0)); // RACE
  got.push(f.some((v) => v < 0)); // RACE
  if (got.join() !== ',1,,2,true,false') throw new Error(`got ${got}`);
} else {
  const [a, b, c, d, e, f] = views(workerData);
  a[2] = 1; // RACE
  b[0] = 1; // RACE
  b[3] = 1;
  c[0] = 1; // RACE
  d[3] = 1; // RACE
  d[1] = 1;
  e[1] = 1; // RACE
  f[3] = 1; // RACE
}
