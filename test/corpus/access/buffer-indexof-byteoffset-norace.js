// expect: norace
// Buffer searches read only the bytes they search: indexOf(v, byteOffset) and
// includes(v, byteOffset) start at byteOffset, lastIndexOf(v, byteOffset) scans from
// byteOffset down and stops at the match, and indexOf stops at the first match. The worker
// writes bytes 0..7 and 28..31 meanwhile; the parent searches bytes 16..23 from 16
// (indexOf, includes), finds 0x7a at byte 18 from byte 16 (indexOf) and at byte 20 scanning
// down from byte 22 (lastIndexOf). No searched byte is written concurrently.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  const buf = Buffer.from(sab);
  buf[18] = 0x7a;
  buf[20] = 0x7a;
  new Worker(__filename, { workerData: sab });
  const check = (name, got, want) => {
    if (got !== want) throw new Error(`${name}: got ${got}, want ${want}`);
  };
  check('indexOf from 16', buf.indexOf(0x7a, 16), 18);
  check('includes from 16', buf.includes(0x7a, 16), true);
  check('lastIndexOf from 22', buf.lastIndexOf(0x7a, 22), 20);
  check('indexOf of a string from 17', buf.indexOf('z', 17), 18);
} else {
  const buf = Buffer.from(workerData);
  buf.fill(1, 0, 8);
  buf.fill(1, 28, 32);
}
