// expect: norace
// find/findIndex/findLast/findLastIndex/every/some in the worker over elements the parent
// wrote before posting a message; the worker searches only after the message arrives
// (postMessage -> receipt is an edge) and checks the answers.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const views = (sab) => [0, 16, 32, 48, 64, 80].map((at) => new Int32Array(sab, at, 4));

if (isMainThread) {
  const sab = new SharedArrayBuffer(96);
  const w = new Worker(__filename, { workerData: sab });
  const [a, b, c, d, e, f] = views(sab);
  a.set([1, 2, 3, 4]);
  b.set([0, 5, 0, 5]);
  c.set([9, 8, 7, 6]);
  d.set([5, 0, 5, 0]);
  e.set([1, 1, 1, 1]);
  f.set([1, 1, -1, 1]);
  w.postMessage('written');
} else {
  const [a, b, c, d, e, f] = views(workerData);
  parentPort.once('message', () => {
    const got = [
      a.find((v) => v > 2), b.findIndex((v) => v === 5), c.findLast((v) => v > 7),
      d.findLastIndex((v) => v === 5), e.every((v) => v === 1), f.some((v) => v < 0),
    ];
    if (got.join() !== '3,1,8,2,true,true') throw new Error(`got ${got}`);
    parentPort.close();
  });
}
