// Kernel: a single-producer single-consumer ring buffer in shared memory: plain writes and
// reads of the slots, Atomics for the head and tail indices.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');
const ITEMS = 500_000;
const CAPACITY = 1024;

if (isMainThread) {
  const slots = new Int32Array(new SharedArrayBuffer(CAPACITY * 4));
  const indices = new Int32Array(new SharedArrayBuffer(8)); // [head, tail]
  const result = new Float64Array(new SharedArrayBuffer(8));
  const start = performance.now();
  let left = 2;
  let work = 0; // the longest worker's own loop, start-up left out
  let late = 0; // the longest second half of a worker's loop, once the JIT has warmed up
  for (const role of ['producer', 'consumer']) {
    new Worker(__filename, { workerData: { slots, indices, result, role } }).on('message', (m) => {
      work = Math.max(work, m.ms);
      late = Math.max(late, m.late);
      if (--left > 0) return;
      if (result[0] !== (ITEMS * (ITEMS - 1)) / 2) throw new Error(`wrong sum ${result[0]}`);
      console.log(JSON.stringify({ ms: performance.now() - start, work, late, rssKb: process.resourceUsage().maxRSS }));
    });
  }
} else {
  const { slots, indices, result, role } = workerData;
  const t = performance.now();
  let half = 0;
  if (role === 'producer') {
    for (let i = 0; i < ITEMS; i++) {
      if (i === ITEMS / 2) half = performance.now();
      const head = Atomics.load(indices, 0);
      while (head - Atomics.load(indices, 1) === CAPACITY);
      slots[head % CAPACITY] = i;
      Atomics.store(indices, 0, head + 1);
    }
  } else {
    let sum = 0;
    for (let i = 0; i < ITEMS; i++) {
      if (i === ITEMS / 2) half = performance.now();
      const tail = Atomics.load(indices, 1);
      while (Atomics.load(indices, 0) === tail);
      sum += slots[tail % CAPACITY];
      Atomics.store(indices, 1, tail + 1);
    }
    result[0] = sum;
  }
  const end = performance.now();
  parentPort.postMessage({ ms: end - t, late: end - half });
}
