// expect: race
// One publishing Atomics operation per integer element type (Int8 store, Uint8 add, Int16
// sub, Uint16 and, Int32 or, Uint32 xor, BigInt64 exchange, BigUint64 compareExchange), but
// the writer writes each data slot only AFTER the operation: the reader, which waits for the
// flag value, is ordered after the operation, not after the late write. Eight races.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => ({
  i8: new Int8Array(sab, 0, 1),
  u8: new Uint8Array(sab, 8, 1),
  i16: new Int16Array(sab, 16, 1),
  u16: new Uint16Array(sab, 24, 1),
  i32: new Int32Array(sab, 32, 1),
  u32: new Uint32Array(sab, 40, 1),
  i64: new BigInt64Array(sab, 48, 1),
  u64: new BigUint64Array(sab, 56, 1),
});

if (isMainThread) {
  const flags = new SharedArrayBuffer(64);
  const v = views(flags);
  v.i16[0] = 5;
  v.u16[0] = 7;
  v.u32[0] = 3;
  const d = new Int32Array(new SharedArrayBuffer(32));
  new Worker(__filename, { workerData: { flags, d, role: 'writer' } });
  new Worker(__filename, { workerData: { flags, d, role: 'reader' } });
} else {
  const { flags, d, role } = workerData;
  const v = views(flags);
  if (role === 'writer') {
    Atomics.store(v.i8, 0, 1);
    d[0] = 1; // RACE
    Atomics.add(v.u8, 0, 1);
    d[1] = 1; // RACE
    Atomics.sub(v.i16, 0, 1);
    d[2] = 1; // RACE
    Atomics.and(v.u16, 0, 2);
    d[3] = 1; // RACE
    Atomics.or(v.i32, 0, 4);
    d[4] = 1; // RACE
    Atomics.xor(v.u32, 0, 1);
    d[5] = 1; // RACE
    Atomics.exchange(v.i64, 0, 9n);
    d[6] = 1; // RACE
    Atomics.compareExchange(v.u64, 0, 0n, 6n);
    d[7] = 1; // RACE
  } else {
    let seen = 0;
    while (Atomics.load(v.i8, 0) !== 1);
    seen += d[0]; // RACE
    while (Atomics.load(v.u8, 0) !== 1);
    seen += d[1]; // RACE
    while (Atomics.load(v.i16, 0) !== 4);
    seen += d[2]; // RACE
    while (Atomics.load(v.u16, 0) !== 2);
    seen += d[3]; // RACE
    while (Atomics.load(v.i32, 0) !== 4);
    seen += d[4]; // RACE
    while (Atomics.load(v.u32, 0) !== 2);
    seen += d[5]; // RACE
    while (Atomics.load(v.i64, 0) !== 9n);
    seen += d[6]; // RACE
    while (Atomics.load(v.u64, 0) !== 6n);
    seen += d[7]; // RACE
    void seen;
  }
}
