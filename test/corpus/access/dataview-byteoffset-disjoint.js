// expect: norace
// DataViews with their own byteOffset next to writes of neighbouring bytes: the worker's
// DataView starts at byte 16, so setUint16(7) writes absolute bytes 23..24 and
// getFloat32(20) reads bytes 36..39; the parent writes bytes 22, 25 (Uint8Array) and
// 34..35 (a DataView starting at byte 32). Disjoint bytes: no race. Values are checked.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(48);
  const u8 = new Uint8Array(sab);
  new Worker(__filename, { workerData: sab }).on('exit', () => {
    const want = { 22: 1, 23: 0xab, 24: 0xcd, 25: 1, 34: 9, 35: 9 };
    for (const [i, v] of Object.entries(want)) if (u8[i] !== v) throw new Error(`byte ${i} = ${u8[i]}`);
  });
  const dvB = new DataView(sab, 32);
  u8[22] = 1;
  u8[25] = 1;
  dvB.setUint16(2, 0x0909);
} else {
  const dvA = new DataView(workerData, 16, 32);
  dvA.setUint16(7, 0xabcd);
  const f = dvA.getFloat32(20, true);
  if (f !== 0) throw new Error(`bytes 36..39 changed: ${f}`);
}
