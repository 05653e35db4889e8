// expect: norace
// Unaligned DataView accesses that straddle 8-byte boundaries next to Uint8Array writes of
// the neighbouring bytes: setInt32 at byte 6 covers bytes 6..9 and getBigUint64 at byte 19
// covers bytes 19..26; the other worker writes bytes 5, 10, 18 and 27 only. Disjoint bytes
// never race. Both sides check the values they see.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  let left = 2;
  for (const role of ['dataview', 'bytes']) {
    new Worker(__filename, { workerData: { sab, role } }).on('exit', () => {
      if (--left > 0) return;
      const u8 = new Uint8Array(sab);
      const want = { 5: 0xee, 6: 4, 7: 3, 8: 2, 9: 1, 10: 0xee, 18: 0xee, 27: 0xee };
      for (const [i, v] of Object.entries(want)) if (u8[i] !== v) throw new Error(`byte ${i} = ${u8[i]}`);
    });
  }
} else {
  const { sab, role } = workerData;
  if (role === 'dataview') {
    const dv = new DataView(sab);
    dv.setInt32(6, 0x01020304, true);
    const v = dv.getBigUint64(19, false);
    if (v !== 0n) throw new Error(`bytes 19..26 changed: ${v}`);
  } else {
    const u8 = new Uint8Array(sab);
    u8[5] = 0xee;
    u8[10] = 0xee;
    u8[18] = 0xee;
    u8[27] = 0xee;
  }
}
