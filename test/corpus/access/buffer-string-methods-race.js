// expect: race
// buf.write(string, offset) writes exactly the encoded bytes and buf.toString(enc, start,
// end) reads exactly [start, end): the worker's write('hello', 3) covers bytes 3..7 and
// races with the parent's toString('utf8', 7, 10) on byte 7; write('abc', 17, 'latin1')
// covers 17..19 and races with toString('hex', 19, 21). The parent's toString('latin1',
// 0, 3) and toString('utf8', 20, 24) read none of the written bytes.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(24);
  new Worker(__filename, { workerData: sab });
  const buf = Buffer.from(sab);
  const seen = [];
  seen.push(buf.toString('latin1', 0, 3));
  seen.push(buf.toString('utf8', 7, 10)); // RACE
  seen.push(buf.toString('hex', 19, 21)); // RACE
  seen.push(buf.toString('utf8', 20, 24));
  void seen;
} else {
  const buf = Buffer.from(workerData);
  buf.write('hello', 3); // RACE
  buf.write('abc', 17, 'latin1'); // RACE
}
