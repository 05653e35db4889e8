// expect: race
// Float32Array, Float64Array, BigInt64Array and BigUint64Array element accesses and
// methods. The parent's f32[1] write races with the worker's f32.reduce (which reads every
// element); f64.sort() with the worker's f64[1] += 1 (a read and a write of element 1);
// b64.fill(-1n) with b64.at(1); the read of bu64[0] with bu64.set([5n], 0).
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => ({
  f32: new Float32Array(sab, 0, 4), f64: new Float64Array(sab, 16, 2), b64: new BigInt64Array(sab, 32, 2), bu64: new BigUint64Array(sab, 48, 2),
});

if (isMainThread) {
  const sab = new SharedArrayBuffer(64);
  new Worker(__filename, { workerData: sab });
  const { f32, f64, b64, bu64 } = views(sab);
  f32[1] = 0.25; // RACE
  f64.sort(); // RACE
  b64.fill(-1n); // RACE
  const x = bu64[0]; // RACE
  void x;
} else {
  const { f32, f64, b64, bu64 } = views(workerData);
  const sum = f32.reduce((s, v) => s + v, 0); // RACE
  f64[1] += 1; // RACE
  const y = b64.at(1); // RACE
  bu64.set([5n], 0); // RACE
  void sum, void y;
}
