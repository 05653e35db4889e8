// expect: race
// buf.copy with a shared source, a shared target, and both shared. The parent copies
// bytes 0..3 of src (the worker writes bytes 2..3), copies into bytes 2..5 of dst (the
// worker reads dst[5]), and copies x's bytes 0..3 into y's bytes 0..3 (the worker writes
// x[1] and reads y[3]). The parent's copy of src bytes 4..7 and the worker's read of dst[6]
// share no byte with the other side.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => [0, 16, 32, 40].map((at) => Buffer.from(sab, at, 8));

if (isMainThread) {
  const sab = new SharedArrayBuffer(48);
  new Worker(__filename, { workerData: sab });
  const [src, dst, x, y] = views(sab);
  const local = Buffer.alloc(8);
  src.copy(local, 0, 0, 4); // RACE
  src.copy(local, 4, 4, 8);
  Buffer.from('abcd').copy(dst, 2); // RACE
  x.copy(y, 0, 0, 4); // RACE
} else {
  const [src, dst, x, y] = views(workerData);
  src.writeInt16LE(5, 2); // RACE
  const seen = dst[5]; // RACE
  const next = dst[6];
  x[1] = 1; // RACE
  const last = y[3]; // RACE
  void seen, void next, void last;
}
