// expect: race
// TextDecoder.decode reads every byte of its input: a Uint8Array view of bytes 0..7, a
// DataView of bytes 16..19, a Uint16Array view of bytes 24..27 (utf-16le) and a whole
// (separate) SharedArrayBuffer. Each decode races with the worker's write of one byte it
// decodes (5, 18, 26 and byte 3 of the small buffer); the worker's writes of bytes 9 and
// 21 are outside every decoded range.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  const small = new SharedArrayBuffer(8);
  new Worker(__filename, { workerData: { sab, small } });
  const dec = new TextDecoder();
  const seen = [];
  seen.push(dec.decode(new Uint8Array(sab, 0, 8))); // RACE
  seen.push(dec.decode(new DataView(sab, 16, 4))); // RACE
  seen.push(new TextDecoder('utf-16le').decode(new Uint16Array(sab, 24, 2))); // RACE
  seen.push(dec.decode(small)); // RACE
  void seen;
} else {
  const { sab, small } = workerData;
  const u8 = new Uint8Array(sab);
  u8[5] = 0x41; // RACE
  u8[9] = 0x41;
  u8[18] = 0x41; // RACE
  u8[21] = 0x41;
  u8[26] = 0x41; // RACE
  new Uint8Array(small)[3] = 0x41; // RACE
}
