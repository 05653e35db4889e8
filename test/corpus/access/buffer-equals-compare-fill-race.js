// expect: race
// buf.fill, buf.equals, buf.compare and Buffer.compare on Buffer views of one
// SharedArrayBuffer, 8 bytes per view. The worker fills bytes 2..3 of view a (read whole
// by a.equals), fills bytes 4..7 of view b (Buffer.compare reads all of b; b.compare with
// sourceStart 0, sourceEnd 4 reads only b's bytes 0..3), writes c[3] (the parent's
// compare with c as target and targetStart 2, targetEnd 6 reads c's bytes 2..5) and writes
// d's byte 7 (read by a local buffer's equals(d)).
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => [0, 8, 16, 24].map((at) => Buffer.from(sab, at, 8));

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  new Worker(__filename, { workerData: sab });
  const [a, b, c, d] = views(sab);
  const zeros = Buffer.alloc(8);
  const seen = [];
  seen.push(a.equals(zeros)); // RACE
  seen.push(b.compare(zeros, 0, 4, 0, 4));
  seen.push(Buffer.compare(b, zeros)); // RACE
  seen.push(zeros.compare(c, 2, 6)); // RACE
  seen.push(zeros.equals(d)); // RACE
  void seen;
} else {
  const [a, b, c, d] = views(workerData);
  a.fill(0x41, 2, 4); // RACE
  b.fill('xy', 4); // RACE
  c[3] = 9; // RACE
  d.writeUInt8(1, 7); // RACE
}
