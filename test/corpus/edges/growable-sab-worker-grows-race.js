// expect: race
// The worker grows the shared buffer to 48 bytes and writes element 10 (grown region); the
// parent polls byteLength (no edge) until it sees the growth and reads element 10 through a
// view made after the growth. No message, no join: the accesses race.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const sab = new SharedArrayBuffer(8, { maxByteLength: 64 });
  new Worker(__filename, { workerData: sab });
  while (sab.byteLength < 48) sleep(1);
  const seen = new Int32Array(sab, 40, 2)[0]; // RACE
  void seen;
} else {
  const sab = workerData;
  sab.grow(48);
  new Int32Array(sab)[10] = 10; // RACE
}
