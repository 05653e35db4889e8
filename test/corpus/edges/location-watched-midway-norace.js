// expect: norace
// Writers keep a location's version only once some load has watched it (runtime/sync.ts).
// Here the writer publishes fifty values before and after the reader's first load: the
// first load takes jsrace's lock and watches the flag, the later ones read it without, and
// each must still acquire the store whose value it read before reading the data.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(4 * 64));
  const flag = new Int32Array(new SharedArrayBuffer(8));
  for (const role of ['writer', 'reader']) new Worker(__filename, { workerData: { data, flag, role } });
} else {
  const { data, flag, role } = workerData;
  const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  if (role === 'writer') {
    for (let v = 1; v <= 50; v++) {
      data[v] = v * 10;
      Atomics.store(flag, 0, v);
      pause(2);
    }
  } else {
    pause(30);
    let seen = 0;
    while (seen < 50) {
      const v = Atomics.load(flag, 0);
      if (v !== seen && data[v] !== v * 10) throw new Error(`data[${v}] = ${data[v]}`);
      seen = v;
    }
  }
}
