// expect: norace
// An atomic and a plain access to the same bytes do not race when ordered: the first worker
// counts with BigUint64 Atomics.add and then Atomics.store(flag); the second waits for the
// flag and reads the counter's bytes with plain Uint8Array reads and writes them back.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let left = 2;
  for (const role of ['atomic', 'plain']) {
    new Worker(__filename, { workerData: { sab, flag, role } }).on('exit', () => {
      if (--left === 0 && new BigUint64Array(sab)[1] !== 0n) throw new Error('not cleared');
    });
  }
} else {
  const { sab, flag, role } = workerData;
  if (role === 'atomic') {
    for (let i = 0; i < 3; i++) Atomics.add(new BigUint64Array(sab), 1, 1n << 56n);
    Atomics.store(flag, 0, 1);
  } else {
    while (Atomics.load(flag, 0) === 0);
    const bytes = new Uint8Array(sab);
    if (bytes[15] !== 3) throw new Error(`top byte = ${bytes[15]}`);
    bytes[15] = 0;
  }
}
