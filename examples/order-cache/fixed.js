'use strict';
// The order cache, fixed: a mutex (compareExchange + wait/notify) makes "check, then
// record" one step, so a retried webhook finds the order already paid.
// `npx jsrace run examples/order-cache/fixed.js` reports nothing.
const { Worker, isMainThread, workerData } = require('worker_threads');
const { OrderMap } = require('./order-map');
const { Mutex } = require('./mutex');

function chargeOnce(orders, lock, orderId, cents) {
  lock.lock();
  try {
    if (orders.has(orderId)) return false; // already paid
    orders.record(orderId, cents);
    return true;
  } finally {
    lock.unlock();
  }
}

function paymentWorker({ buffer, lockBuffer, webhooks }) {
  const orders = new OrderMap(buffer);
  const lock = new Mutex(new Int32Array(lockBuffer), 0);
  for (const { orderId, cents } of webhooks) chargeOnce(orders, lock, orderId, cents);
}

function main() {
  const buffer = new SharedArrayBuffer(OrderMap.byteLength());
  const lockBuffer = new SharedArrayBuffer(4);
  const webhooks = [{ orderId: 1001, cents: 2500 }, { orderId: 1002, cents: 990 }];
  let running = 2;
  for (let w = 0; w < 2; w++) {
    const worker = new Worker(__filename, { workerData: { buffer, lockBuffer, webhooks } });
    worker.on('exit', () => {
      if (--running > 0) return;
      const orders = new OrderMap(buffer);
      for (const { orderId } of webhooks) console.log(`order ${orderId}: charged ${orders.charged(orderId)} cents`);
    });
  }
}

if (isMainThread) main();
else paymentWorker(workerData);
