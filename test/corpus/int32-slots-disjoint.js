// expect: norace
// Two workers fill alternate Int32 slots of one array and two more fill the two Int16
// halves of one Int32 slot of another: the byte ranges never overlap, so nothing races.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const i32 = new Int32Array(new SharedArrayBuffer(64));
  const halves = new SharedArrayBuffer(4);
  let left = 4;
  for (let w = 0; w < 4; w++) {
    new Worker(__filename, { workerData: { i32, halves, w } }).on('exit', () => {
      if (--left > 0) return;
      for (let i = 0; i < 16; i++) if (i32[i] !== i * 3) throw new Error(`i32[${i}] = ${i32[i]}`);
      const whole = new Int32Array(halves)[0];
      if (whole !== (0x1234 << 16 | 0x5678)) throw new Error(`halves = ${whole.toString(16)}`);
    });
  }
} else {
  const { i32, halves, w } = workerData;
  if (w < 2) {
    for (let i = w; i < 16; i += 2) i32[i] = i * 3;
  } else {
    const h = new Int16Array(halves);
    for (let k = 0; k < 50; k++) h[w - 2] = w === 2 ? 0x5678 : 0x1234;
  }
}
