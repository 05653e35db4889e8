// expect: race
// A shared WebAssembly.Memory (1 page, maximum 4) sent in workerData. The worker grows it
// and works through views of the new memory.buffer; the parent uses a view made before the
// growth and one made after it. They are the same memory: the parent's write of element 10
// (old view) races with the worker's read (new view), and the worker's write of element
// 16387 (second page) races with the parent's read once it sees the growth.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const PAGE = 65536;

if (isMainThread) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
  const before = new Int32Array(memory.buffer);
  new Worker(__filename, { workerData: { memory } });
  before[10] = 1; // RACE
  while (memory.buffer.byteLength < 2 * PAGE) sleep(1);
  const seen = new Int32Array(memory.buffer)[PAGE / 4 + 3]; // RACE
  void seen;
} else {
  const { memory } = workerData;
  memory.grow(1);
  const after = new Int32Array(memory.buffer);
  const old = after[10]; // RACE
  void old;
  after[PAGE / 4 + 3] = 2; // RACE
}
