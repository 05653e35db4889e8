// Two workers increment one shared counter without synchronisation: `c[0]++` is a read
// and a write, and the two workers' increments interleave, so updates are lost.
const { Worker, isMainThread, workerData } = require('worker_threads');

function increment(counter, times) {
  for (let i = 0; i < times; i++) counter[0]++;
}

if (isMainThread) {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  let running = 2;
  for (let w = 0; w < 2; w++) {
    const worker = new Worker(__filename, { workerData: counter });
    worker.on('exit', () => {
      if (--running === 0) console.log(`counter = ${counter[0]} (expected 200000)`);
    });
  }
} else {
  increment(workerData, 100000);
}
