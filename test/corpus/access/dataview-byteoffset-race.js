// expect: race
// DataViews with their own byteOffset: the worker's DataView starts at byte 16, so its
// setUint16(7) writes absolute bytes 23..24 (straddling a granule boundary) and its
// getFloat32(20) reads bytes 36..39. The parent writes byte 24 through a Uint8Array and
// byte 39 through a DataView starting at byte 32 (setUint8(7)): both race. Its writes of
// bytes 22, 25 and 34..35 touch none of the worker's bytes and must not be reported.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(48);
  new Worker(__filename, { workerData: sab });
  const u8 = new Uint8Array(sab);
  const dvB = new DataView(sab, 32);
  u8[22] = 1;
  u8[25] = 1;
  u8[24] = 1; // RACE
  dvB.setUint16(2, 0x0909);
  dvB.setUint8(7, 9); // RACE
} else {
  const dvA = new DataView(workerData, 16, 32);
  dvA.setUint16(7, 0xabcd); // RACE
  const f = dvA.getFloat32(20, true); // RACE
  void f;
}
