'use strict';
// Two payment workers receive the same webhook for order 1001 (a retry). Each checks the
// shared order map and charges the card if the order is new. Nothing stops both workers
// from checking before either records the charge: the customer is charged twice.
// Run it under jsrace: `npx jsrace run examples/order-cache/racy.js`.
const { Worker, isMainThread, workerData } = require('worker_threads');
const { OrderMap } = require('./order-map');

function chargeOnce(orders, orderId, cents) {
  if (orders.has(orderId)) return false; // already paid
  orders.record(orderId, cents);
  return true;
}

function paymentWorker({ buffer, webhooks }) {
  const orders = new OrderMap(buffer);
  for (const { orderId, cents } of webhooks) chargeOnce(orders, orderId, cents);
}

function main() {
  const buffer = new SharedArrayBuffer(OrderMap.byteLength());
  const webhooks = [{ orderId: 1001, cents: 2500 }, { orderId: 1002, cents: 990 }];
  let running = 2;
  for (let w = 0; w < 2; w++) {
    const worker = new Worker(__filename, { workerData: { buffer, webhooks } });
    worker.on('exit', () => {
      if (--running > 0) return;
      const orders = new OrderMap(buffer);
      for (const { orderId } of webhooks) console.log(`order ${orderId}: charged ${orders.charged(orderId)} cents`);
    });
  }
}

if (isMainThread) main();
else paymentWorker(workerData);
