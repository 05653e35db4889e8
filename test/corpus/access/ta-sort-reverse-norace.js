// expect: norace
// sort, reverse, toSorted and toReversed on shared typed arrays, ordered with the worker's
// accesses by messages both ways: the parent sorts and reverses and posts 'go'; the worker
// checks, writes and posts back; the parent then copies sorted and reversed and checks.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const views = (sab) => ({
  s: new Int32Array(sab, 0, 4), r: new Uint16Array(sab, 16, 4), q: new Float64Array(sab, 24, 2), p: new Int8Array(sab, 40, 8),
});

if (isMainThread) {
  const sab = new SharedArrayBuffer(48);
  const { s, r, q, p } = views(sab);
  s.set([4, 3, 2, 1]);
  r.set([1, 2, 3, 4]);
  const w = new Worker(__filename, { workerData: sab });
  s.sort();
  r.reverse();
  w.postMessage('go');
  w.on('message', () => {
    const sorted = q.toSorted();
    const reversed = p.toReversed();
    if (sorted.join() !== '-1,0') throw new Error(`toSorted = ${sorted}`);
    if (reversed.join() !== '0,0,0,0,0,0,0,1') throw new Error(`toReversed = ${reversed}`);
    w.terminate();
  });
} else {
  const { s, r, q, p } = views(workerData);
  parentPort.once('message', () => {
    if (s.join() !== '1,2,3,4') throw new Error(`s = ${s}`);
    if (r.join() !== '4,3,2,1') throw new Error(`r = ${r}`);
    r[0] = 1;
    q[1] = -1;
    p[0] = 1;
    parentPort.postMessage('done');
  });
}
