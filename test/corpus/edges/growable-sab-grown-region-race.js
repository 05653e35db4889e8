// expect: race
// A growable SharedArrayBuffer (8 bytes, maxByteLength 64) shared at startup. The parent
// grows it to 32 bytes and reads element 6, which lies in the grown region; the worker
// notices the growth by polling byteLength (which is no edge) and writes element 6 through
// its length-tracking view. Nothing orders the two accesses.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const sab = new SharedArrayBuffer(8, { maxByteLength: 64 });
  const v = new Int32Array(sab);
  new Worker(__filename, { workerData: sab });
  sab.grow(32);
  if (v.length !== 8) throw new Error(`length ${v.length}`);
  const seen = v[6]; // RACE
  void seen;
} else {
  const sab = workerData;
  const v = new Int32Array(sab);
  while (sab.byteLength < 32) sleep(1);
  v[6] = 1; // RACE
}
