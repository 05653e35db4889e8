// expect: norace
// Atomics.or / xor / and / compareExchange / exchange from four workers on shared words are atomic
// read-modify-writes of the same ranges: no races, and the parent checks the final bits
// after all workers exited.
const { Worker, isMainThread, workerData } = require('worker_threads');

const WORKERS = 4;

if (isMainThread) {
  const m = new Uint32Array(new SharedArrayBuffer(20));
  m[2] = 0xff;
  let left = WORKERS;
  for (let i = 0; i < WORKERS; i++) {
    new Worker(__filename, { workerData: { m, i } }).on('exit', () => {
      if (--left > 0) return;
      if (m[0] !== 0b1111 || m[1] !== 0 || m[2] !== 0xf0 || m[3] !== WORKERS || m[4] < 1 || m[4] > WORKERS) {
        throw new Error(`bits ${m[0]} ${m[1]} ${m[2]} ${m[3]} ${m[4]}`);
      }
    });
  }
} else {
  const { m, i } = workerData;
  const bit = 1 << i;
  Atomics.or(m, 0, bit);
  Atomics.xor(m, 1, bit);
  Atomics.xor(m, 1, bit);
  Atomics.and(m, 2, ~bit);
  let old = Atomics.load(m, 3);
  for (;;) {
    const seen = Atomics.compareExchange(m, 3, old, old + 1);
    if (seen === old) break;
    old = seen;
  }
  const prev = Atomics.exchange(m, 4, i + 1);
  if (prev > WORKERS) throw new Error(`exchange saw ${prev}`);
}
