// expect: norace
// A store publishes to a load of the same byte range even through a different view type or
// view offset: BigInt64 store / BigUint64 load on the same 8 bytes, Int16 store / Uint16 load
// on the same 2 bytes (views with different byteOffsets), Uint8 store / Int8 load on one
// byte, Uint32 exchange / Int32 load. Each publishes its own plain data slot.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  const data = new Float64Array(new SharedArrayBuffer(32));
  new Worker(__filename, { workerData: { sab, data, role: 'writer' } });
  new Worker(__filename, { workerData: { sab, data, role: 'reader' } });
} else {
  const { sab, data, role } = workerData;
  if (role === 'writer') {
    data[0] = 1.5;
    Atomics.store(new BigInt64Array(sab, 0, 1), 0, -1n);
    data[1] = 2.5;
    Atomics.store(new Int16Array(sab, 10, 1), 0, -2);
    data[2] = 3.5;
    Atomics.store(new Uint8Array(sab), 13, 200);
    data[3] = 4.5;
    Atomics.exchange(new Uint32Array(sab, 16, 2), 1, 0xffffffff);
  } else {
    while (Atomics.load(new BigUint64Array(sab), 0) !== 2n ** 64n - 1n);
    if (data[0] !== 1.5) throw new Error(`data[0] = ${data[0]}`);
    while (Atomics.load(new Uint16Array(sab, 8, 2), 1) !== 0xfffe);
    if (data[1] !== 2.5) throw new Error(`data[1] = ${data[1]}`);
    while (Atomics.load(new Int8Array(sab, 12), 1) !== -56);
    if (data[2] !== 3.5) throw new Error(`data[2] = ${data[2]}`);
    while (Atomics.load(new Int32Array(sab), 5) !== -1);
    if (data[3] !== 4.5) throw new Error(`data[3] = ${data[3]}`);
  }
}
