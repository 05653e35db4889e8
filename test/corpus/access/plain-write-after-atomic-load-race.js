// expect: race
// A worker reads a flag with Atomics.load and ends; the parent waits for nothing that
// orders that load, sleeps, and writes the flag plainly. The atomic read is recorded in the
// flag's row and the later plain write finds it there: elapsed time is no edge. The worker
// sends nothing: a worker that has already ended when the parent's loop turns has its
// messages delivered before 'online', and a message would order the load before the write.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(8));
  const w = new Worker(__filename, { workerData: flag });
  w.once('online', () => {
    sleep(300);
    flag[1] = 1; // RACE
  });
} else {
  void Atomics.load(workerData, 1); // RACE
}
