// expect: race
// indexOf, lastIndexOf and includes read elements until they find the value (all of them
// when they find nothing). a.indexOf(99), b.lastIndexOf(99) and c.includes(99) find
// nothing and race with the worker's writes of a[3], b[0] and c[2]. d.indexOf(5) finds
// d[2] (set before the worker starts): it reads d[0..2] and races with the write of d[1],
// not with the write of d[3]. The worker writes 7, never a searched value.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => [0, 16, 32, 48].map((at) => new Int32Array(sab, at, 4));

if (isMainThread) {
  const sab = new SharedArrayBuffer(64);
  const [a, b, c, d] = views(sab);
  d[2] = 5;
  new Worker(__filename, { workerData: sab });
  const found = [];
  found.push(a.indexOf(99)); // RACE
  found.push(b.lastIndexOf(99)); // RACE
  found.push(c.includes(99)); // RACE
  found.push(d.indexOf(5)); // RACE
  if (found.join() !== '-1,-1,false,2') throw new Error(`found ${found}`);
} else {
  const [a, b, c, d] = views(workerData);
  a[3] = 7; // RACE
  b[0] = 7; // RACE
  c[2] = 7; // RACE
  d[1] = 7; // RACE
  d[3] = 7;
}
