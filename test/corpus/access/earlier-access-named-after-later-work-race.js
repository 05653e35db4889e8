// expect: race
// The earlier access of a race is named by the site table of the thread that made it
// (runtime/access-sites.ts), not by shadow memory. Here the worker goes on after its racy
// write: a thousand more shared writes over eight epochs (each Atomics.add starts one)
// before the parent, which only slept, reads the racy element. The report must still name
// the worker's write.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(8));
  const w = new Worker(__filename, { workerData: flag });
  w.once('message', () => {
    sleep(300);
    const seen = flag[1]; // RACE
    void seen;
    void w.terminate();
  });
} else {
  const flag = workerData;
  const work = new Float64Array(new SharedArrayBuffer(8 * 1000));
  const counter = new Int32Array(new SharedArrayBuffer(4));
  parentPort.postMessage('started');
  flag[1] = 7; // RACE
  for (let epoch = 0; epoch < 8; epoch++) {
    for (let i = epoch; i < work.length; i += 8) work[i] = i * 0.5;
    Atomics.add(counter, 0, 1);
  }
  setInterval(() => {}, 1000); // stay alive until terminated
}
