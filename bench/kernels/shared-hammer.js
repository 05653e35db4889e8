// Kernel: two workers hammer disjoint halves of one shared Int32Array with plain reads and
// compound writes, then publish with Atomics. Race-free. Prints {"ms", "work", "late", "rssKb"}.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');
const WORKERS = 2;
const ITERATIONS = 3_000_000;
const SLICE = 4096;

let half = 0;
function work(a, base) {
  let sum = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    if (i === ITERATIONS / 2) half = performance.now();
    const k = base + (i & (SLICE - 1));
    a[k] += i & 7;
    sum += a[k];
  }
  return sum;
}

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(WORKERS * SLICE * 4));
  const start = performance.now();
  let left = WORKERS;
  let work = 0; // the longest worker's own loop, start-up left out
  let late = 0; // the longest second half of a worker's loop, once the JIT has warmed up
  for (let w = 0; w < WORKERS; w++) {
    const worker = new Worker(__filename, { workerData: { a, base: w * SLICE } });
    worker.on('message', (m) => {
      work = Math.max(work, m.ms);
      late = Math.max(late, m.late);
      if (--left === 0) console.log(JSON.stringify({ ms: performance.now() - start, work, late, rssKb: process.resourceUsage().maxRSS }));
    });
  }
} else {
  const t = performance.now();
  work(workerData.a, workerData.base);
  const end = performance.now();
  parentPort.postMessage({ ms: end - t, late: end - half });
}
