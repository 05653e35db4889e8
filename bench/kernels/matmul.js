// Kernel: a blocked matrix multiply, two workers each computing half of C's rows from shared
// A and B (written before the workers start), meeting at an Atomics barrier between blocks.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');
const SIZE = 160;
const BLOCK = 32;

function barrier(sync, parties) {
  const generation = Atomics.load(sync, 1);
  if (Atomics.add(sync, 0, 1) === parties - 1) {
    Atomics.store(sync, 0, 0);
    Atomics.add(sync, 1, 1);
    Atomics.notify(sync, 1);
  } else {
    while (Atomics.load(sync, 1) === generation) Atomics.wait(sync, 1, generation);
  }
}

if (isMainThread) {
  const a = new Float64Array(new SharedArrayBuffer(SIZE * SIZE * 8));
  const b = new Float64Array(new SharedArrayBuffer(SIZE * SIZE * 8));
  const c = new Float64Array(new SharedArrayBuffer(SIZE * SIZE * 8));
  for (let i = 0; i < SIZE * SIZE; i++) {
    a[i] = (i % 7) - 3;
    b[i] = (i % 5) - 2;
  }
  const sync = new Int32Array(new SharedArrayBuffer(8));
  const start = performance.now();
  let left = 2;
  let work = 0; // the longest worker's own loop, start-up left out
  let late = 0; // the longest second half of a worker's loop, once the JIT has warmed up
  for (let w = 0; w < 2; w++) {
    new Worker(__filename, { workerData: { a, b, c, sync, w } }).on('message', (m) => {
      work = Math.max(work, m.ms);
      late = Math.max(late, m.late);
      if (--left > 0) return;
      const ms = performance.now() - start;
      const rssKb = process.resourceUsage().maxRSS;
      // Checked against a product computed here, after the clock stopped: a run that computed
      // anything else must fail, not report a time. (C's plain sum is 0 for these inputs.)
      let checksum = 0;
      for (let i = 0; i < SIZE; i++) {
        for (let j = 0; j < SIZE; j++) {
          let s = 0;
          for (let k = 0; k < SIZE; k++) s += a[i * SIZE + k] * b[k * SIZE + j];
          if (c[i * SIZE + j] !== s) throw new Error(`wrong product at row ${i}, column ${j}: ${c[i * SIZE + j]}, not ${s}`);
          checksum += s * ((i * SIZE + j) % 13);
        }
      }
      console.log(JSON.stringify({ ms, work, late, rssKb, checksum }));
    });
  }
} else {
  const { a, b, c, sync, w } = workerData;
  const t = performance.now();
  let half = 0;
  const rows = [w * (SIZE / 2), (w + 1) * (SIZE / 2)];
  for (let kk = 0; kk < SIZE; kk += BLOCK) {
    if (kk === 2 * BLOCK) half = performance.now(); // the last three of five blocks
    for (let i = rows[0]; i < rows[1]; i++) {
      for (let j = 0; j < SIZE; j++) {
        let s = c[i * SIZE + j];
        for (let k = kk; k < kk + BLOCK; k++) s += a[i * SIZE + k] * b[k * SIZE + j];
        c[i * SIZE + j] = s;
      }
    }
    barrier(sync, 2);
  }
  const end = performance.now();
  parentPort.postMessage({ ms: end - t, late: end - half });
}
