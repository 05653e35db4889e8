// expect: norace
// Float32Array, Float64Array, BigInt64Array and BigUint64Array element accesses and
// methods, ordered by Atomics: the parent does its accesses, then Atomics.store(flag, 1)
// + notify; the worker waits until Atomics.load(flag) sees 1 before its accesses, then
// checks the values.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => ({
  f32: new Float32Array(sab, 0, 4), f64: new Float64Array(sab, 16, 2), b64: new BigInt64Array(sab, 32, 2),
  bu64: new BigUint64Array(sab, 48, 2), flag: new Int32Array(sab, 64, 1),
});

if (isMainThread) {
  const sab = new SharedArrayBuffer(72);
  const { f32, f64, b64, bu64, flag } = views(sab);
  f64.set([3.5, -0.5]);
  bu64[0] = 9n;
  new Worker(__filename, { workerData: sab }).on('exit', (code) => {
    if (code !== 0) throw new Error(`worker exit ${code}`);
    if (bu64[0] !== 5n) throw new Error(`bu64[0] = ${bu64[0]}`);
  });
  f32[1] = 0.25;
  f64.sort();
  b64.fill(-1n);
  const x = bu64[0];
  if (x !== 9n) throw new Error(`bu64[0] = ${x}`);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
} else {
  const { f32, f64, b64, bu64, flag } = views(workerData);
  const deadline = Date.now() + 5000;
  while (Atomics.load(flag, 0) === 0) {
    if (Date.now() > deadline) throw new Error('the parent never set the flag');
    Atomics.wait(flag, 0, 0, 100);
  }
  const sum = f32.reduce((s, v) => s + v, 0);
  f64[1] += 1;
  const y = b64.at(1);
  bu64.set([5n], 0);
  if (sum !== 0.25 || f64[0] !== -0.5 || f64[1] !== 4.5 || y !== -1n) throw new Error(`sum ${sum}, f64 ${f64}, y ${y}`);
}
