// expect: norace
// buf.write(string, offset) in the worker, buf.toString(enc, start, end) in the parent
// after the worker's message arrives (postMessage -> receipt is an edge). The parent
// checks the strings it reads back.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(24);
  new Worker(__filename, { workerData: sab }).on('message', () => {
    const buf = Buffer.from(sab);
    const check = (got, want) => {
      if (got !== want) throw new Error(`got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    };
    check(buf.toString('latin1', 0, 3), '\0\0\0');
    check(buf.toString('utf8', 3, 8), 'hello');
    check(buf.toString('hex', 17, 21), '61626300');
    check(buf.toString('utf8', 17, 20), 'abc');
  });
} else {
  const buf = Buffer.from(workerData);
  buf.write('hello', 3);
  buf.write('abc', 17, 'latin1');
  parentPort.postMessage('written');
}
