// expect: norace
// A worker that throws: what it wrote before throwing is ordered before the parent's
// 'error' handler (and its 'exit' handler, code 1), which read and check it.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  let sawError = false;
  const w = new Worker(__filename, { workerData: a });
  w.on('error', (e) => {
    sawError = true;
    if (e.message !== 'boom') throw e;
    if (a[0] !== 7) throw new Error(`a[0] = ${a[0]}`);
    a[1] = 8;
  });
  w.on('exit', (code) => {
    if (!sawError || code !== 1) throw new Error(`exit ${code}, error seen: ${sawError}`);
    if (a[0] !== 7 || a[1] !== 8) throw new Error(`a = ${a[0]} ${a[1]}`);
  });
} else {
  workerData[0] = 7;
  throw new Error('boom');
}
