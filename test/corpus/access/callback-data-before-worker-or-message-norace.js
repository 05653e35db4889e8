// expect: norace
// forEach/reduce in a worker over elements that were all written before the reader could
// see them: data[0..3] before the worker was created (creation is an edge), data[4..7]
// before the parent's message (postMessage -> receipt is an edge). The worker reads
// data[0..3] at once and all eight elements when the message arrives, and checks sums.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(32));
  data.set([1, 2, 3, 4]);
  const w = new Worker(__filename, { workerData: data });
  data[4] = 5;
  data[5] = 6;
  data.fill(7, 6, 7);
  data[7] = 8;
  w.postMessage('rest written');
} else {
  const data = workerData;
  let early = 0;
  data.subarray(0, 4).forEach((v) => { early += v; });
  if (early !== 10) throw new Error(`early sum ${early}`);
  parentPort.once('message', () => {
    let all = 0;
    data.forEach((v) => { all += v; });
    const again = data.reduce((s, v) => s + v, 0);
    if (all !== 36 || again !== 36) throw new Error(`sums ${all}, ${again}`);
    parentPort.close();
  });
}
