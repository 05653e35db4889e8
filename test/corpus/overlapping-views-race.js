// expect: race
// An Int32Array and a Uint8Array over the same buffer: the Int32 write of element 0 covers
// bytes 0..3, so the Uint8 write of byte 3 races with it. The Uint8 write of byte 4 touches
// no byte of element 0 and must not be reported.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(8);
  new Worker(__filename, { workerData: { sab, role: 'wide' } });
  new Worker(__filename, { workerData: { sab, role: 'narrow' } });
} else {
  const { sab, role } = workerData;
  if (role === 'wide') {
    new Int32Array(sab)[0] = 0x01020304; // RACE
  } else {
    const u8 = new Uint8Array(sab);
    u8[4] = 9;
    u8[3] = 9; // RACE
  }
}
