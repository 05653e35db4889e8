// expect: race
// A view made by subarray() or Buffer's slice() covers the parent array's bytes: reading
// through it races with the worker's writes of those bytes. sub = ta.subarray(1, 3) is
// bytes 4..11, so sub[1] (bytes 8..11) races with the worker's write of ta[2];
// buf.slice(2, 6)[0] is byte 2 and races with the worker's Uint8Array write of byte 2.
// Making the views is not an access; the worker's write of byte 14 is read by nobody.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  new Worker(__filename, { workerData: sab });
  const ta = new Int32Array(sab);
  const sub = ta.subarray(1, 3);
  const slice = Buffer.from(sab).slice(2, 6);
  const a = sub[1]; // RACE
  const b = slice[0]; // RACE
  void a, void b;
} else {
  new Int32Array(workerData)[2] = 7; // RACE
  const u8 = new Uint8Array(workerData);
  u8[2] = 7; // RACE
  u8[14] = 7;
}
