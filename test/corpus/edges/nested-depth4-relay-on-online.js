// expect: race
// Nested workers four deep (main -> L1 -> L2 -> L3 -> L4), relaying up by messages, except
// that L2 relays as soon as its child L3 is 'online' instead of on L3's message. 'online' is
// no edge, so the leaf's write reaches main through no chain, and main's read races with it.
// (L1 is still alive when main reads, so no exit orders it either.)
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const DEPTH = 4;

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4 * (DEPTH + 1)));
  new Worker(__filename, { workerData: { a, depth: 1 } }).once('message', () => {
    const seen = a[DEPTH]; // RACE
    void seen;
  });
} else {
  const { a, depth } = workerData;
  if (depth === DEPTH) {
    a[depth] = 10 + depth; // RACE
    parentPort.postMessage('up');
  } else {
    const child = new Worker(__filename, { workerData: { a, depth: depth + 1 } });
    if (depth === 2) child.once('online', () => parentPort.postMessage('up'));
    else child.once('message', () => parentPort.postMessage('up'));
  }
}
