// expect: norace
// Main fills the array before `new Worker`: creation orders those writes before everything
// the worker does, so the worker's reads and its later update do not race.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(16));
  for (let i = 0; i < 4; i++) a[i] = i * 10;
  new Worker(__filename, { workerData: a }).on('exit', (code) => {
    if (code !== 0) throw new Error(`worker exited with ${code}`);
    if (a[3] !== 31) throw new Error(`a[3] = ${a[3]}`);
  });
} else {
  const a = workerData;
  for (let i = 0; i < 4; i++) if (a[i] !== i * 10) throw new Error(`a[${i}] = ${a[i]}`);
  a[3] += 1;
}
