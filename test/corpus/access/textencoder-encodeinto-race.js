// expect: race
// TextEncoder.encodeInto writes exactly the bytes it encodes: 'héllo' is 6 UTF-8 bytes, so
// encodeInto(..., u8.subarray(2, 10)) writes bytes 2..7 and races with the worker's read
// of byte 7 (bytes 8 and 9 are in the destination view but not written; byte 1 is before
// it). A second encodeInto writes 'ab' into a view starting at byte 18 (bytes 18..19) and
// races with the worker's Uint32Array read of bytes 16..19.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(24);
  new Worker(__filename, { workerData: sab });
  const u8 = new Uint8Array(sab);
  const enc = new TextEncoder();
  const r1 = enc.encodeInto('héllo', u8.subarray(2, 10)); // RACE
  const r2 = enc.encodeInto('ab', new Uint8Array(sab, 18, 6)); // RACE
  void r1, void r2;
} else {
  const u8 = new Uint8Array(workerData);
  const seen = [u8[1], u8[8], u8[9]];
  const b7 = u8[7]; // RACE
  const word = new Uint32Array(workerData, 16, 1)[0]; // RACE
  void seen, void b7, void word;
}
