// expect: norace
// Nested workers four deep: main -> L1 -> L2 -> L3 -> L4. The leaf writes a[4] and posts
// to its parent; each level, on its child's message, checks the slots below, writes its own
// slot and posts up. Main reads every slot: each hop is a send before a receipt.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const DEPTH = 4;

function check(a, from) {
  for (let d = from; d <= DEPTH; d++) if (a[d] !== 10 + d) throw new Error(`a[${d}] = ${a[d]} seen at depth ${from - 1}`);
}

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4 * (DEPTH + 1)));
  new Worker(__filename, { workerData: { a, depth: 1 } }).once('message', () => check(a, 1));
} else {
  const { a, depth } = workerData;
  if (depth === DEPTH) {
    a[depth] = 10 + depth;
    parentPort.postMessage('up');
  } else {
    new Worker(__filename, { workerData: { a, depth: depth + 1 } }).once('message', () => {
      check(a, depth + 1);
      a[depth] = 10 + depth;
      parentPort.postMessage('up');
    });
  }
}
