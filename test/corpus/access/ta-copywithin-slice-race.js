// expect: race
// copyWithin reads its source range and writes its target range; slice reads its range.
// a.copyWithin(4, 0, 2) reads a[0..1] and writes a[4..5]: it races with the worker's write
// of a[1] and its read of a[5] (the worker's write of a[2] and read of a[6] are outside
// both ranges). b.slice(1, 3) reads b[1..2]: it races with the worker's write of b[2]
// (b[0] and b[3] are outside).
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => ({ a: new Int32Array(sab, 0, 8), b: new Float32Array(sab, 32, 8) });

if (isMainThread) {
  const sab = new SharedArrayBuffer(64);
  new Worker(__filename, { workerData: sab });
  const { a, b } = views(sab);
  a.copyWithin(4, 0, 2); // RACE
  const part = b.slice(1, 3); // RACE
  void part;
} else {
  const { a, b } = views(workerData);
  a[1] = 3; // RACE
  a[2] = 3;
  const x = a[5]; // RACE
  const y = a[6];
  b[0] = 1.5;
  b[2] = 1.5; // RACE
  b[3] = 1.5;
  void x, void y;
}
