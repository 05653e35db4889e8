// expect: race
// Unaligned DataView accesses that straddle 8-byte boundaries, racing byte-exactly with
// Uint8Array writes: setInt32 at byte 6 covers bytes 6..9, so the write of byte 9 races
// with it (bytes 5 and 10 do not); getBigUint64 at byte 19 covers bytes 19..26, so the
// write of byte 26 races with it (bytes 18 and 27 do not).
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  new Worker(__filename, { workerData: { sab, role: 'dataview' } });
  new Worker(__filename, { workerData: { sab, role: 'bytes' } });
} else {
  const { sab, role } = workerData;
  if (role === 'dataview') {
    const dv = new DataView(sab);
    dv.setInt32(6, 0x01020304, true); // RACE
    const v = dv.getBigUint64(19, false); // RACE
    void v;
  } else {
    const u8 = new Uint8Array(sab);
    u8[5] = 0xee;
    u8[10] = 0xee;
    u8[9] = 0xee; // RACE
    u8[18] = 0xee;
    u8[27] = 0xee;
    u8[26] = 0xee; // RACE
  }
}
