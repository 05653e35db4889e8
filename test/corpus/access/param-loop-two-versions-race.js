// expect: race
// A loop over a parameter comes in two versions, chosen once per run: unchecked when the
// parameter cannot be shared, checked when it can. Called with a local array first and
// then with the shared one, the loop's writes race with the worker's reads.
const { Worker, isMainThread, workerData } = require('worker_threads');

function ramp(target, n) {
  for (let i = 0; i < n; i++) target[i] = i * 2; // RACE
}

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  const w = new Worker(__filename, { workerData: sab });
  ramp(new Int32Array(4), 4);
  ramp(new Int32Array(sab), 4);
  w.on('error', (e) => { throw e; });
} else {
  const view = new Int32Array(workerData);
  let seen = 0;
  for (let i = 0; i < 4; i++) seen += view[i]; // RACE
  if (seen < 0) throw new Error('negative');
}
