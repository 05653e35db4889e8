// expect: race
// Buffer.from(buffer) and Buffer.copyBytesFrom(view, offset, length) copy bytes (unlike
// Buffer.from(sab, ...), which makes a view). Buffer.from(b) reads bytes 0..7 and races
// with the worker's write of byte 1; Buffer.copyBytesFrom(u8, 1, 2) reads bytes 9..10 of
// the buffer (u8 starts at byte 8) and races with the write of byte 10, not with the write
// of byte 12.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  new Worker(__filename, { workerData: sab });
  const b = Buffer.from(sab, 0, 8);
  const u8 = new Uint8Array(sab, 8, 8);
  const copy = Buffer.from(b); // RACE
  const part = Buffer.copyBytesFrom(u8, 1, 2); // RACE
  void copy, void part;
} else {
  const u8 = new Uint8Array(workerData);
  u8[1] = 1; // RACE
  u8[10] = 1; // RACE
  u8[12] = 1;
}
