// expect: race
// A shared WebAssembly.Memory sent to the worker in a message. After posting it, the parent
// grows the memory and writes element 16387 (second page) through a post-growth view; the
// worker, on the message, polls memory.buffer.byteLength (no edge) until it sees the
// growth, then reads that element: the write came after the send, so they race. The worker
// also writes element 1 through a pre-growth view made from the received memory, which
// races with the parent's later read of element 1 through its own pre-growth view.
const { Worker, isMainThread, parentPort } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const PAGE = 65536;

if (isMainThread) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
  const before = new Int32Array(memory.buffer);
  const w = new Worker(__filename);
  w.postMessage({ memory });
  memory.grow(1);
  new Int32Array(memory.buffer)[PAGE / 4 + 3] = 5; // RACE
  sleep(100);
  const seen = before[1]; // RACE
  void seen;
} else {
  parentPort.once('message', ({ memory }) => {
    const early = new Int32Array(memory.buffer, 0, 4);
    early[1] = 7; // RACE
    while (memory.buffer.byteLength < 2 * PAGE) sleep(1);
    const seen = new Int32Array(memory.buffer)[PAGE / 4 + 3]; // RACE
    void seen;
  });
}
