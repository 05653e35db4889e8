// expect: norace
// Views of different element sizes and byteOffsets over the same buffer, accessed through
// methods, on disjoint bytes (or reads only): the parent's f64.fill(1.5, 1, 2) writes
// bytes 8..15, u8.set([1, 2], 16) bytes 16..17, i32.copyWithin(6, 0, 1) reads 4..7 and
// writes 28..31. The worker reads u16.at(5) (bytes 18..19), i32.slice(0, 1) (bytes 4..7,
// read by both: no write), DataView getUint8(27) and the join of bytes 20..27, and fills
// bytes 0..3. Both sides check their values.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => ({ f64: new Float64Array(sab), u16: new Uint16Array(sab, 8), u8: new Uint8Array(sab), i32: new Int32Array(sab, 4) });

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  const { f64, u8, i32 } = views(sab);
  u8.set([4, 3, 2, 1], 4);
  new Worker(__filename, { workerData: sab }).on('exit', () => {
    if (f64[1] !== 1.5 || u8[16] !== 1 || u8[17] !== 2 || i32[6] !== i32[0] || u8[0] !== 9) throw new Error(`bytes ${u8}`);
  });
  f64.fill(1.5, 1, 2);
  u8.set([1, 2], 16);
  i32.copyWithin(6, 0, 1);
} else {
  const { u16, u8, i32 } = views(workerData);
  u8.fill(9, 0, 4);
  const seen = [u16.at(5), i32.slice(0, 1)[0], new DataView(workerData).getUint8(27), u8.subarray(20, 28).join('')];
  if (seen.join() !== `0,${0x01020304},0,00000000`) throw new Error(`seen ${seen}`);
}
