// expect: norace
// Every instrumented access form (compound, logical, update, destructuring, for-of,
// optional chain) used by two workers, each on its own elements of shared Float64Array and
// BigInt64Array buffers: nothing overlaps. The parent checks the results after both exit.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const f = new Float64Array(new SharedArrayBuffer(8 * 8));
  const b = new BigInt64Array(new SharedArrayBuffer(8 * 4));
  let left = 2;
  for (let w = 0; w < 2; w++) {
    new Worker(__filename, { workerData: { f, b, w } }).on('exit', () => {
      if (--left > 0) return;
      for (let k = 0; k < 2; k++) {
        const o = k * 4;
        const want = [16, 2.5, 3, 1];
        for (let i = 0; i < 4; i++) if (f[o + i] !== want[i]) throw new Error(`f[${o + i}] = ${f[o + i]}`);
        if (b[k * 2] !== 2n ** 40n + 1n || b[k * 2 + 1] !== 5n) throw new Error(`b = ${b[k * 2]} ${b[k * 2 + 1]}`);
      }
    });
  }
} else {
  const { f, b, w } = workerData;
  const o = w * 4;
  f[o] = 2;
  f[o] **= 2;
  f[o] *= 4;
  ({ v: f[o + 1] } = { v: 2.5 });
  [f[o + 2]] = [3];
  for (f[o + 3] of [0, 1]);
  f[o + 3] ||= 9;
  f[o + 3] &&= f?.[o + 3];
  b[w * 2] = 2n ** 40n;
  b[w * 2]++;
  b[w * 2 + 1] ??= 0n;
  b[w * 2 + 1] += 5n;
}
