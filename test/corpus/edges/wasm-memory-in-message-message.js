// expect: norace
// A shared WebAssembly.Memory that travels in messages both ways. The parent writes element
// 1 and posts the Memory; the worker checks it through a view of the received memory, grows
// it, writes element 1 and element 16387 (second page) through a post-growth view and posts
// the Memory back; the parent reads through its pre-growth view, through the returned
// Memory's buffer and through its own Memory's buffer (all the same memory).
const { Worker, isMainThread, parentPort } = require('worker_threads');

const PAGE = 65536;

if (isMainThread) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
  const before = new Int32Array(memory.buffer);
  const w = new Worker(__filename);
  before[1] = 7;
  w.postMessage({ memory });
  w.once('message', ({ memory: back }) => {
    if (before[1] !== 8) throw new Error(`before[1] = ${before[1]}`);
    if (new Int32Array(back.buffer)[PAGE / 4 + 3] !== 9) throw new Error('second page via returned Memory');
    if (new Int32Array(memory.buffer)[PAGE / 4 + 3] !== 9) throw new Error('second page via own Memory');
    before[1] = 0;
  });
} else {
  parentPort.once('message', ({ memory }) => {
    const early = new Int32Array(memory.buffer);
    if (early[1] !== 7) throw new Error(`early[1] = ${early[1]}`);
    memory.grow(1);
    const after = new Int32Array(memory.buffer);
    after[1] = 8;
    after[PAGE / 4 + 3] = 9;
    parentPort.postMessage({ memory });
  });
}
