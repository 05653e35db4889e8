// expect: race
// Constructing a typed array from another typed array copies (reads) every source element:
// new Int32Array(shared) and new Float64Array(sharedF64) read their shared sources and race
// with the worker's writes of i32[1] and f64[1]. (Constructing a view over the buffer,
// new Int32Array(sab, ...), reads nothing.)
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => ({ i32: new Int32Array(sab, 0, 4), f64: new Float64Array(sab, 16, 2) });

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  new Worker(__filename, { workerData: sab });
  const { i32, f64 } = views(sab);
  const a = new Int32Array(i32); // RACE
  const b = new Float64Array(f64); // RACE
  void a, void b;
} else {
  const { i32, f64 } = views(workerData);
  i32[1] = 1; // RACE
  f64[1] = 1; // RACE
}
