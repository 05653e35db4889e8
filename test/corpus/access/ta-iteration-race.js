// expect: race
// Iterating a shared typed array reads each element it hands out: values(), entries(),
// for...of, spread, Array.from and array destructuring. Each races with the worker's write
// of one element of the array it iterates. `const [x, y] = f` takes two elements only: it
// races with the write of f[1], not with the write of f[2].
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => [0, 16, 32, 48, 64, 80].map((at) => new Int32Array(sab, at, 4));

if (isMainThread) {
  const sab = new SharedArrayBuffer(96);
  new Worker(__filename, { workerData: sab });
  const [a, b, c, d, e, f] = views(sab);
  let sum = 0;
  for (const v of a.values()) sum += v; // RACE
  for (const [i, v] of b.entries()) sum += i * v; // RACE
  for (const v of c) sum += v; // RACE
  const spread = [...d]; // RACE
  const copied = Array.from(e); // RACE
  const [x, y] = f; // RACE
  void sum, void spread, void copied, void x, void y;
} else {
  const [a, b, c, d, e, f] = views(workerData);
  a[1] = 1; // RACE
  b[2] = 1; // RACE
  c[3] = 1; // RACE
  d[0] = 1; // RACE
  e[1] = 1; // RACE
  f[1] = 1; // RACE
  f[2] = 1;
}
