// expect: norace
// A reader that polls a flag with pauses between loads (a pause is not an edge) reads the
// writer's release without taking jsrace's lock: the load that sees the new value copies
// the location's clock lock-free (a seqlock reader) and must still order the data after it.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(16));
  const flag = new Int32Array(new SharedArrayBuffer(8));
  for (const role of ['writer', 'reader']) new Worker(__filename, { workerData: { data, flag, role } });
} else {
  const { data, flag, role } = workerData;
  const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  if (role === 'writer') {
    pause(30);
    data[2] = 42;
    Atomics.store(flag, 0, 1);
  } else {
    while (Atomics.load(flag, 0) === 0) pause(5);
    if (data[2] !== 42) throw new Error(`data ${data[2]}`);
  }
}
