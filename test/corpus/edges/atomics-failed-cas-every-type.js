// expect: race
// A failing compareExchange is only a read and publishes nothing, on every integer element
// type: the writer writes a data slot and then runs a compareExchange whose expected value
// does not match; the reader (100 ms later, which is no edge) loads the unchanged flag and
// reads the slot. Eight races.
const { Worker, isMainThread, workerData } = require('worker_threads');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
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
  const d = new Int32Array(new SharedArrayBuffer(32));
  new Worker(__filename, { workerData: { flags, d, role: 'writer' } });
  new Worker(__filename, { workerData: { flags, d, role: 'reader' } });
} else {
  const { flags, d, role } = workerData;
  const v = views(flags);
  if (role === 'writer') {
    const fails = [];
    d[0] = 1; // RACE
    fails.push(Atomics.compareExchange(v.i8, 0, 1, 2));
    d[1] = 1; // RACE
    fails.push(Atomics.compareExchange(v.u8, 0, 1, 2));
    d[2] = 1; // RACE
    fails.push(Atomics.compareExchange(v.i16, 0, 1, 2));
    d[3] = 1; // RACE
    fails.push(Atomics.compareExchange(v.u16, 0, 1, 2));
    d[4] = 1; // RACE
    fails.push(Atomics.compareExchange(v.i32, 0, 1, 2));
    d[5] = 1; // RACE
    fails.push(Atomics.compareExchange(v.u32, 0, 1, 2));
    d[6] = 1; // RACE
    fails.push(Atomics.compareExchange(v.i64, 0, 1n, 2n));
    d[7] = 1; // RACE
    fails.push(Atomics.compareExchange(v.u64, 0, 1n, 2n));
    if (fails.some((x) => x != 0)) throw new Error(`a compareExchange succeeded: ${fails}`);
  } else {
    sleep(100);
    let seen = 0;
    for (const k of Object.keys(v)) if (Atomics.load(v[k], 0) != 0) throw new Error(`${k} changed`);
    seen += d[0]; // RACE
    seen += d[1]; // RACE
    seen += d[2]; // RACE
    seen += d[3]; // RACE
    seen += d[4]; // RACE
    seen += d[5]; // RACE
    seen += d[6]; // RACE
    seen += d[7]; // RACE
    void seen;
  }
}
