// Kernel: the examples' order cache with its mutex (compareExchange + wait/notify), two
// workers charging many orders, half of them duplicates.
const path = require('path');
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');
const { OrderMap } = require(path.join(__dirname, '..', '..', 'examples', 'order-cache', 'order-map.js'));
const { Mutex } = require(path.join(__dirname, '..', '..', 'examples', 'order-cache', 'mutex.js'));
const ORDERS = 40;
const ROUNDS = 2000;

if (isMainThread) {
  const buffer = new SharedArrayBuffer(OrderMap.byteLength());
  const lockBuffer = new SharedArrayBuffer(4);
  const start = performance.now();
  let left = 2;
  let work = 0; // the longest worker's own loop, start-up left out
  let late = 0; // the longest second half of a worker's loop, once the JIT has warmed up
  for (let w = 0; w < 2; w++) {
    new Worker(__filename, { workerData: { buffer, lockBuffer } }).on('message', (m) => {
      work = Math.max(work, m.ms);
      late = Math.max(late, m.late);
      if (--left > 0) return;
      console.log(JSON.stringify({ ms: performance.now() - start, work, late, rssKb: process.resourceUsage().maxRSS }));
    });
  }
} else {
  const orders = new OrderMap(workerData.buffer);
  const lock = new Mutex(new Int32Array(workerData.lockBuffer), 0);
  const t = performance.now();
  let half = 0;
  for (let r = 0; r < ROUNDS; r++) {
    if (r === ROUNDS / 2) half = performance.now();
    for (let id = 1; id <= ORDERS; id++) {
      lock.lock();
      try {
        if (!orders.has(id)) orders.record(id, 100);
        else orders.charged(id);
      } finally {
        lock.unlock();
      }
    }
  }
  const end = performance.now();
  parentPort.postMessage({ ms: end - t, late: end - half });
}
