// expect: norace
// Eight workers each update only their own byte of one 8-byte Uint8Array (all in one
// granule): different bytes never race. The parent checks every byte after all exited.
const { Worker, isMainThread, workerData } = require('worker_threads');

const WORKERS = 8;

if (isMainThread) {
  const bytes = new Uint8Array(new SharedArrayBuffer(WORKERS));
  let left = WORKERS;
  for (let i = 0; i < WORKERS; i++) {
    new Worker(__filename, { workerData: { bytes, i } }).on('exit', () => {
      if (--left > 0) return;
      for (let j = 0; j < WORKERS; j++) if (bytes[j] !== 100 + j) throw new Error(`bytes[${j}] = ${bytes[j]}`);
    });
  }
} else {
  const { bytes, i } = workerData;
  for (let k = 0; k < 100; k++) bytes[i] = bytes[i] + 1;
  bytes[i] += i;
}
