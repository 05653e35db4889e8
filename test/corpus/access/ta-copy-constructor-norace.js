// expect: norace
// new Int32Array(shared) and new Float64Array(sharedF64) copy shared elements after the
// worker that wrote them has exited (exit is an edge). The parent checks the copies.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => ({ i32: new Int32Array(sab, 0, 4), f64: new Float64Array(sab, 16, 2) });

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  new Worker(__filename, { workerData: sab }).on('exit', () => {
    const { i32, f64 } = views(sab);
    const a = new Int32Array(i32);
    const b = new Float64Array(f64);
    if (a.join() !== '0,1,0,0' || b.join() !== '0,1.5') throw new Error(`copies ${a} / ${b}`);
  });
} else {
  const { i32, f64 } = views(workerData);
  i32[1] = 1;
  f64[1] = 1.5;
}
