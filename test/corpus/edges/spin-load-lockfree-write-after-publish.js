// expect: race
// The spinner leaves its loop on the writer's release store, and its later loads of the
// unchanged flag take jsrace's lock-free path; the writer's second write comes after the
// release, so the spinner's read of it is unordered.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(16));
  const flag = new Int32Array(new SharedArrayBuffer(8));
  for (const role of ['writer', 'spinner']) new Worker(__filename, { workerData: { data, flag, role } });
} else {
  const { data, flag, role } = workerData;
  if (role === 'writer') {
    data[1] = 1;
    Atomics.store(flag, 0, 1);
    data[3] = 7; // RACE
    Atomics.store(flag, 1, 1); // another location: the spinner never loads it
  } else {
    while (Atomics.load(flag, 0) === 0);
    for (let i = 0; i < 1000; i++) Atomics.load(flag, 0);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100); // after the second write
    if (data[1] !== 1) throw new Error('first write not seen');
    const seen = data[3]; // RACE
    if (seen !== 7) throw new Error(`second write not seen: ${seen}`);
  }
}
