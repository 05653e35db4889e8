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
  for (let w = 0; w < 2; w++) {
    new Worker(__filename, { workerData: { buffer, lockBuffer } }).on('message', (ms) => {
      work = Math.max(work, ms);
      if (--left > 0) return;
      console.log(JSON.stringify({ ms: performance.now() - start, work, rssKb: process.resourceUsage().maxRSS }));
    });
  }
} else {
  const orders = new OrderMap(workerData.buffer);
  const lock = new Mutex(new Int32Array(workerData.lockBuffer), 0);
  const t = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
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
  parentPort.postMessage(performance.now() - t);
}
