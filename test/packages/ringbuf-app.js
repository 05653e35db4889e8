// ringbuf.js as its README intends: wait-free single-producer single-consumer rings on
// SharedArrayBuffers, no postMessage on the data path. A pipeline of three workers:
//   producer --(ring A, Uint32Array)--> doubler --(ring B, Float64Array)--> consumer
// Each ring has exactly one writer and one reader. A side that finds its ring full or empty
// backs off on a private, never-notified Atomics.wait, so no edge is created outside the rings.
'use strict';
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const ITEMS = 12000;

function backoff(sleeper, spins) {
  if (spins > 50) Atomics.wait(sleeper, 0, 0, 0.2);
}

function producer(a) {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const chunk = new Uint32Array(16);
  let next = 0;
  let spins = 0;
  while (next < ITEMS) {
    const n = Math.min(1 + (next % 13), ITEMS - next);
    for (let i = 0; i < n; i++) chunk[i] = next + i;
    let off = 0;
    while (off < n) {
      const pushed = a.push(chunk, n - off, off);
      if (pushed === 0) backoff(sleeper, ++spins);
      else spins = 0;
      off += pushed;
    }
    next += n;
  }
}

function doubler(a, b) {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const inBuf = new Uint32Array(7);
  const outBuf = new Float64Array(7);
  let moved = 0;
  let spins = 0;
  while (moved < ITEMS) {
    const n = a.pop(inBuf);
    if (n === 0) { backoff(sleeper, ++spins); continue; }
    spins = 0;
    for (let i = 0; i < n; i++) outBuf[i] = inBuf[i] * 2 + 0.5;
    let off = 0;
    while (off < n) {
      const pushed = b.push(outBuf, n - off, off);
      if (pushed === 0) backoff(sleeper, ++spins);
      off += pushed;
    }
    moved += n;
  }
}

function consumer(b) {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const buf = new Float64Array(11);
  let count = 0;
  let sum = 0;
  let inOrder = true;
  let spins = 0;
  while (count < ITEMS) {
    const n = b.pop(buf, 1 + (count % 11));
    if (n === 0) { backoff(sleeper, ++spins); continue; }
    spins = 0;
    for (let i = 0; i < n; i++) {
      if (buf[i] !== (count + i) * 2 + 0.5) inOrder = false;
      sum += buf[i];
    }
    count += n;
  }
  return { count, sum, inOrder, emptyAtEnd: b.empty() };
}

if (isMainThread) {
  const { RingBuffer } = require('ringbuf.js');
  const sabA = RingBuffer.getStorageForCapacity(64, Uint32Array);
  const sabB = RingBuffer.getStorageForCapacity(48, Float64Array);
  const exits = [];
  let result;
  for (const role of ['consumer', 'doubler', 'producer']) {
    const w = new Worker(__filename, { workerData: { role, sabA, sabB } });
    if (role === 'consumer') w.on('message', (m) => (result = m));
    exits.push(new Promise((resolve, reject) => { w.on('error', reject); w.on('exit', resolve); }));
  }
  Promise.all(exits).then(() => {
    const expected = ITEMS * (ITEMS - 1) + ITEMS * 0.5;
    console.log(`consumed ${result.count} items, in order: ${result.inOrder}, ring empty: ${result.emptyAtEnd}`);
    console.log(`sum ${result.sum} (expected ${expected})`);
    const a = new RingBuffer(sabA, Uint32Array);
    const b = new RingBuffer(sabB, Float64Array);
    console.log(`capacities ${a.capacity()} ${b.capacity()}, left ${a.availableRead()} ${b.availableRead()}`);
  }, (e) => { console.error(e); process.exit(1); });
} else {
  const { RingBuffer } = require('ringbuf.js');
  const a = new RingBuffer(workerData.sabA, Uint32Array);
  const b = new RingBuffer(workerData.sabB, Float64Array);
  if (workerData.role === 'producer') producer(a);
  else if (workerData.role === 'doubler') doubler(a, b);
  else parentPort.postMessage(consumer(b));
}
