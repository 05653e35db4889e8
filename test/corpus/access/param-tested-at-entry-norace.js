// expect: norace
// A function given the shared array as a parameter, called before the worker starts and
// after it exits (both edges), and with local arrays in between: nothing races.
const { Worker, isMainThread, workerData } = require('worker_threads');

function bump(target, n) {
  for (let i = 0; i < n; i++) target[i] += i;
  return target[n - 1];
}

if (isMainThread) {
  const shared = new Int32Array(new SharedArrayBuffer(16));
  bump(shared, 4);
  new Worker(__filename, { workerData: shared }).on('exit', () => {
    if (bump(shared, 4) !== 9) throw new Error(`shared[3] = ${shared[3]}`);
  });
  bump(new Int32Array(8), 8);
} else {
  bump(new Int32Array(8), 8);
  bump(workerData, 4);
}
