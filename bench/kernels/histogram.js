// Kernel: a parallel histogram, two workers counting into 256 shared buckets with
// Atomics.add. Prints {"ms", "work", "late", "rssKb"}: the whole run, the longest worker's
// own loop (start-up left out) and the longest second half of a loop (JIT warm-up left out).
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');
const N = 1_000_000;

if (isMainThread) {
  const hist = new Int32Array(new SharedArrayBuffer(256 * 4));
  const start = performance.now();
  let left = 2;
  let work = 0;
  let late = 0;
  for (let w = 0; w < 2; w++) {
    new Worker(__filename, { workerData: { hist, seed: w } }).on('message', (m) => {
      work = Math.max(work, m.ms);
      late = Math.max(late, m.late);
      if (--left > 0) return;
      let total = 0;
      for (let b = 0; b < 256; b++) total += hist[b];
      if (total !== 2 * N) throw new Error(`lost counts: ${total}`);
      console.log(JSON.stringify({ ms: performance.now() - start, work, late, rssKb: process.resourceUsage().maxRSS }));
    });
  }
} else {
  const { hist, seed } = workerData;
  const t = performance.now();
  let x = seed + 1;
  let half = 0;
  for (let i = 0; i < N; i++) {
    if (i === N / 2) half = performance.now();
    // Math.imul: a plain product passes 2^53 and loses its low bits, and then nine counts
    // in ten went to bucket 0. The high bits: the low ones of this generator repeat every 256.
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    Atomics.add(hist, x >>> 24, 1);
  }
  const end = performance.now();
  parentPort.postMessage({ ms: end - t, late: end - half });
}
