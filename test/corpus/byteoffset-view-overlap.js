// expect: race
// Views with a byteOffset: a Float64Array starting at byte 8 and a Uint16Array over the
// whole buffer. Float64 element 0 is bytes 8..15, which holds Uint16 element 7 (bytes 14..15):
// they race. Uint16 element 3 (bytes 6..7) lies outside and must not be reported.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  new Worker(__filename, { workerData: { sab, role: 'tail' } });
  new Worker(__filename, { workerData: { sab, role: 'whole' } });
} else {
  const { sab, role } = workerData;
  if (role === 'tail') {
    const tail = new Float64Array(sab, 8, 1);
    tail[0] = 1.5; // RACE
  } else {
    const u16 = new Uint16Array(sab);
    const below = u16[3];
    const inside = u16[7]; // RACE
    void below, void inside;
  }
}
