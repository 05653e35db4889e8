// expect: norace
// Atomics through different view types over the same 4 bytes (Int32Array and Uint32Array,
// the second with a byteOffset) address the same range: they neither race nor fail to
// synchronise. Counts with Atomics.add through both, and publishes data with a Uint32Array
// Atomics.store read by an Int32Array Atomics.load.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  const data = new Int32Array(new SharedArrayBuffer(4));
  const i32 = new Int32Array(sab);
  let left = 2;
  for (const role of ['writer', 'reader']) {
    new Worker(__filename, { workerData: { sab, data, role } }).on('exit', () => {
      if (--left === 0 && i32[0] !== 200) throw new Error(`count = ${i32[0]}`);
    });
  }
} else {
  const { sab, data, role } = workerData;
  const i32 = new Int32Array(sab);
  const u32 = new Uint32Array(sab, 4, 3); // u32[0] is i32[1], u32[1] is i32[2]
  if (role === 'writer') {
    for (let i = 0; i < 100; i++) Atomics.add(i32, 0, 1);
    data[0] = 7;
    Atomics.store(u32, 1, 1);
  } else {
    for (let i = 0; i < 100; i++) Atomics.add(new Uint32Array(sab), 0, 1);
    while (Atomics.load(i32, 2) === 0);
    if (data[0] !== 7) throw new Error(`data[0] = ${data[0]}`);
  }
}
