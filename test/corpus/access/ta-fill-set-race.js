// expect: race
// TypedArray fill(v, start, end) and set(src, offset) touch exactly their element range.
// The parent's i16.fill(7, 2, 4) writes bytes 4..7 and races with the worker's read of
// i16[3] (i16[4] is outside); i32.set([1, 2], 1) writes elements 1..2 and races with the
// worker's write of i32[2] (i32[3] is outside); local.set(u8.subarray(4, 8), 2) reads the
// shared source bytes 36..39 and races with the worker's write of u8[6] (u8[9] is outside).
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => ({ i16: new Int16Array(sab, 0, 8), i32: new Int32Array(sab, 16, 4), u8: new Uint8Array(sab, 32, 16) });

if (isMainThread) {
  const sab = new SharedArrayBuffer(48);
  new Worker(__filename, { workerData: sab });
  const { i16, i32, u8 } = views(sab);
  i16.fill(7, 2, 4); // RACE
  i32.set([1, 2], 1); // RACE
  const local = new Uint8Array(8);
  local.set(u8.subarray(4, 8), 2); // RACE
} else {
  const { i16, i32, u8 } = views(workerData);
  const a = i16[3]; // RACE
  const b = i16[4];
  i32[2] = 5; // RACE
  i32[3] = 5;
  u8[6] = 1; // RACE
  u8[9] = 1;
  void a, void b;
}
