// expect: race
// Mixed-size atomics: an Int32 Atomics.add and a Uint8 Atomics.add on a byte inside the same
// Int32 overlap without addressing the same range, which the memory model calls a race.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(8);
  new Worker(__filename, { workerData: { sab, role: 'wide' } });
  new Worker(__filename, { workerData: { sab, role: 'narrow' } });
} else {
  const { sab, role } = workerData;
  if (role === 'wide') {
    Atomics.add(new Int32Array(sab), 0, 1); // RACE
  } else {
    Atomics.add(new Uint8Array(sab), 1, 1); // RACE
  }
}
