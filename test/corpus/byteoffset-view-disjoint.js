// expect: norace
// Three workers write through views with different byteOffsets over one 8-byte buffer:
// Uint16Array(sab, 0, 1) -> bytes 0..1, Uint16Array(sab, 2, 1) -> bytes 2..3,
// Int32Array(sab, 4, 1) -> bytes 4..7. Disjoint bytes: no race. The parent checks them all.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(8);
  let left = 3;
  for (let w = 0; w < 3; w++) {
    new Worker(__filename, { workerData: { sab, w } }).on('exit', () => {
      if (--left > 0) return;
      const b = new Uint8Array(sab);
      const want = [0x11, 0x11, 0x22, 0x22, 0x33, 0x33, 0x33, 0x33];
      for (let i = 0; i < 8; i++) if (b[i] !== want[i]) throw new Error(`byte ${i} = ${b[i]}`);
    });
  }
} else {
  const { sab, w } = workerData;
  for (let k = 0; k < 20; k++) {
    if (w === 0) new Uint16Array(sab, 0, 1)[0] = 0x1111;
    else if (w === 1) new Uint16Array(sab, 2, 1)[0] = 0x2222;
    else new Int32Array(sab, 4, 1)[0] = 0x33333333;
  }
}
