// expect: race
// Buffer.concat([sharedView]) reads every byte of the view, and buf[i] on a Buffer over a
// SharedArrayBuffer is an element access. The worker writes byte 5 (inside the view of
// bytes 4..7 that the parent concatenates) and byte 12 through a Buffer.from(sab, 10, 4)
// view (sub[2]); the parent reads buf[12]. The parent's concat of bytes 0..3 and its read
// of buf[13] touch no byte the worker writes.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  new Worker(__filename, { workerData: sab });
  const buf = Buffer.from(sab);
  const joined = [];
  joined.push(Buffer.concat([Buffer.from(sab, 0, 4)]));
  joined.push(Buffer.concat([Buffer.from(sab, 4, 4)])); // RACE
  const seen = buf[12]; // RACE
  const next = buf[13];
  void joined, void seen, void next;
} else {
  const buf = Buffer.from(workerData);
  buf[5] = 7; // RACE
  const sub = Buffer.from(workerData, 10, 4);
  sub[2] = 9; // RACE
}
