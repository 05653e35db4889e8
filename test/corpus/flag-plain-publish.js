// expect: race
// Publishing with a plain flag: the writer sets data then a plain flag, the reader spins on
// the plain flag and reads the data. Plain accesses give no ordering, so both the flag and
// the data race.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(4));
  const flag = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { data, flag, role: 'writer' } });
  new Worker(__filename, { workerData: { data, flag, role: 'reader' } });
} else {
  const { data, flag, role } = workerData;
  if (role === 'writer') {
    data[0] = 42; // RACE
    flag[0] = 1; // RACE
  } else {
    while (flag[0] === 0); // RACE
    const seen = data[0]; // RACE
    void seen;
  }
}
