// expect: norace
// Same-thread interleavings are never races: in each of two workers, async functions,
// microtasks, immediates, nextTicks and timers all read-modify-write the same elements of
// that worker's own half of the buffer. The parent touches the worker halves only in
// their 'exit' handlers, and checks the totals.
const { Worker, isMainThread, workerData } = require('worker_threads');

const TASKS = 5;
const ROUNDS = 20;
const hops = [
  () => new Promise((r) => queueMicrotask(r)),
  () => new Promise((r) => setImmediate(r)),
  () => new Promise((r) => process.nextTick(r)),
  () => new Promise((r) => setTimeout(r, 0)),
  () => Promise.resolve(),
];

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(16));
  let left = 2;
  for (const half of [0, 2]) {
    new Worker(__filename, { workerData: { a, half } }).on('exit', () => {
      if (a[half] !== TASKS * ROUNDS || a[half + 1] !== TASKS * ROUNDS) throw new Error(`half ${half}: ${a[half]} ${a[half + 1]}`);
      a[half] = 0;
      if (--left === 0 && (a[0] | a[2]) !== 0) throw new Error('not cleared');
    });
  }
} else {
  const { a, half } = workerData;
  const task = async (t) => {
    for (let i = 0; i < ROUNDS; i++) {
      const before = a[half];
      await hops[(t + i) % hops.length]();
      a[half] = a[half] + 1;
      a[half + 1] += before >= 0 ? 1 : 0;
    }
  };
  for (let t = 0; t < TASKS; t++) void task(t);
}
