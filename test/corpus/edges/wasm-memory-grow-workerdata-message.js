// expect: norace
// The twin of wasm-memory-grow-workerdata-race, ordered: the parent writes element 10
// through its pre-growth view before new Worker; the worker reads it, grows the memory,
// writes element 10 and element 16387 (second page) through a post-growth view and posts;
// the parent reads both on that message, through its old view and a fresh one.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const PAGE = 65536;

if (isMainThread) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
  const before = new Int32Array(memory.buffer);
  before[10] = 1;
  new Worker(__filename, { workerData: { memory } }).once('message', () => {
    if (memory.buffer.byteLength !== 2 * PAGE) throw new Error(`byteLength ${memory.buffer.byteLength}`);
    if (before[10] !== 3) throw new Error(`before[10] = ${before[10]}`);
    if (new Int32Array(memory.buffer)[PAGE / 4 + 3] !== 2) throw new Error('second page');
  });
} else {
  const { memory } = workerData;
  if (new Int32Array(memory.buffer)[10] !== 1) throw new Error('element 10 before growth');
  if (memory.grow(1) !== 1) throw new Error('grow');
  const after = new Int32Array(memory.buffer);
  if (after[10] !== 1) throw new Error('element 10 after growth');
  after[10] = 3;
  after[PAGE / 4 + 3] = 2;
  parentPort.postMessage('grown');
}
