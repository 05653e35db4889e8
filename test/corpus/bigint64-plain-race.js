// expect: race
// Two workers add to a BigInt64Array element with a plain `+=`: unordered read-modify-writes.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const b = new BigInt64Array(new SharedArrayBuffer(8));
  new Worker(__filename, { workerData: b });
  new Worker(__filename, { workerData: b });
} else {
  for (let i = 0; i < 100; i++) workerData[0] += 1n; // RACE
}
