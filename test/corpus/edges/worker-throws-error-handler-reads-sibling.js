// expect: race
// The 'error' event of a worker that threw orders only that worker's actions: the handler
// reads a[0] (written by the thrower: ordered) and a[1], written by a sibling that is still
// alive (it waits for the parent's 'bye', sent after the read): that read races.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  const sibling = new Worker(__filename, { workerData: { a, role: 'sibling' } });
  new Worker(__filename, { workerData: { a, role: 'thrower' } }).on('error', (e) => {
    if (e.message !== 'boom') throw e;
    if (a[0] !== 7) throw new Error(`a[0] = ${a[0]}`);
    const seen = a[1]; // RACE
    void seen;
    sibling.postMessage('bye');
  });
} else {
  const { a, role } = workerData;
  if (role === 'thrower') {
    a[0] = 7;
    throw new Error('boom');
  }
  a[1] = 9; // RACE
  parentPort.once('message', () => {});
}
