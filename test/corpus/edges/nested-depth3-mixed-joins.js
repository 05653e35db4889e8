// expect: norace
// Depth 3 with a different join at each level: the grandchild C writes and ends; B reads it
// in C's 'exit' handler, writes, and posts to A; A reads both on that message, writes and
// ends; main reads all three in A's 'exit' handler.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(12));
  new Worker(__filename, { workerData: { a, role: 'A' } }).on('exit', (code) => {
    if (code !== 0 || a[0] !== 1 || a[1] !== 2 || a[2] !== 3) throw new Error(`exit ${code}, a = ${a}`);
  });
} else {
  const { a, role } = workerData;
  if (role === 'A') {
    new Worker(__filename, { workerData: { a, role: 'B' } }).once('message', () => {
      if (a[1] !== 2 || a[2] !== 3) throw new Error(`A saw ${a[1]} ${a[2]}`);
      a[0] = 1;
    });
  } else if (role === 'B') {
    new Worker(__filename, { workerData: { a, role: 'C' } }).on('exit', () => {
      if (a[2] !== 3) throw new Error(`B saw ${a[2]}`);
      a[1] = 2;
      parentPort.postMessage('up');
    });
  } else {
    a[2] = 3;
  }
}
