// expect: norace
// Arrays made here from a length are never shared memory: swapping them, copying bindings
// and updating their elements from two threads' own copies of this code raises nothing,
// while the shared result is published by the worker's exit.
const { Worker, isMainThread, workerData } = require('worker_threads');

function smooth(n) {
  let src = new Float64Array(n);
  let dst = new Float64Array(n * 1);
  for (let i = 0; i < n; i++) src[i] = i % 7;
  for (let pass = 0; pass < 3; pass++) {
    for (let i = 1; i < n - 1; i++) dst[i] = (src[i - 1] + src[i] + src[i + 1]) / 3;
    const t = src;
    src = dst;
    dst = t;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += src[i]++;
  return sum;
}

if (isMainThread) {
  const out = new Float64Array(new SharedArrayBuffer(16));
  new Worker(__filename, { workerData: out.buffer }).on('exit', () => {
    out[1] = smooth(64);
    if (out[0] !== out[1]) throw new Error(`${out[0]} !== ${out[1]}`);
  });
} else {
  new Float64Array(workerData)[0] = smooth(64);
}
