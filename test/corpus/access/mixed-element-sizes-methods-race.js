// expect: race
// Views of different element sizes and byteOffsets over the same bytes, accessed through
// methods; races are byte-exact. f64.fill(1.5, 1, 2) writes bytes 8..15 and races with
// the worker's u16.at(3) (u16 starts at byte 8: element 3 is bytes 14..15).
// u8.set([1, 2], 16) writes bytes 16..17 and races with i32.slice(3, 4) (i32 starts at
// byte 4: element 3 is bytes 16..19). i32.copyWithin(6, 0, 1) reads bytes 4..7 and writes
// bytes 28..31, racing with the worker's DataView getUint8(29). The worker's
// u8.fill(9, 0, 4) and join of bytes 24..27 touch no byte the parent touches.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => ({ f64: new Float64Array(sab), u16: new Uint16Array(sab, 8), u8: new Uint8Array(sab), i32: new Int32Array(sab, 4) });

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  new Worker(__filename, { workerData: sab });
  const { f64, u8, i32 } = views(sab);
  f64.fill(1.5, 1, 2); // RACE
  u8.set([1, 2], 16); // RACE
  i32.copyWithin(6, 0, 1); // RACE
} else {
  const { u16, u8, i32 } = views(workerData);
  u8.fill(9, 0, 4);
  const seen = [];
  seen.push(u16.at(3)); // RACE
  seen.push(i32.slice(3, 4)); // RACE
  seen.push(u8.subarray(24, 28).join());
  seen.push(new DataView(workerData).getUint8(29)); // RACE
  void seen;
}
