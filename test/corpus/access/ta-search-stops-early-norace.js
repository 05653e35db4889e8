// expect: norace
// A search that finds its target reads no element beyond it: the worker writes elements the
// parent's searches never reach. indexOf(5) finds a[1] (worker writes a[2], a[3]);
// lastIndexOf(5) finds b[2] scanning down (worker writes b[0], b[1]); includes(5) finds
// c[0] (worker writes c[1..3]); indexOf(5, 2) starts at d[2] and finds d[3] (worker writes
// d[0], d[1]); lastIndexOf(5, 1) starts at e[1] and finds e[0] (worker writes e[2], e[3]);
// includes(NaN) finds f[1] (worker writes f[2], f[3]). All targets are set before the
// worker is created; the worker writes 7.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => [
  ...[0, 16, 32, 48, 64].map((at) => new Int32Array(sab, at, 4)),
  new Float64Array(sab, 80, 4),
];

if (isMainThread) {
  const sab = new SharedArrayBuffer(112);
  const [a, b, c, d, e, f] = views(sab);
  a[1] = 5;
  b[2] = 5;
  c[0] = 5;
  d[3] = 5;
  e[0] = 5;
  f[1] = NaN;
  new Worker(__filename, { workerData: sab });
  const found = [a.indexOf(5), b.lastIndexOf(5), c.includes(5), d.indexOf(5, 2), e.lastIndexOf(5, 1), f.includes(NaN)];
  if (found.join() !== '1,2,true,3,0,true') throw new Error(`found ${found}`);
} else {
  const [a, b, c, d, e, f] = views(workerData);
  a[2] = 7;
  a[3] = 7;
  b[0] = 7;
  b[1] = 7;
  c[1] = 7;
  c[2] = 7;
  c[3] = 7;
  d[0] = 7;
  d[1] = 7;
  e[2] = 7;
  e[3] = 7;
  f[2] = 7;
  f[3] = 7;
}
