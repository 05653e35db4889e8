// sharedmap across 4 worker threads, the way its README uses it: the map travels in
// workerData, each worker restores its prototype and calls set/get/delete, and the
// read-modify-write counters hold the exclusive lock. Correctly synchronised: every key and
// value byte is touched under a line lock, the shared read/write locks or the exclusive lock.
// Usage: node sharedmap-app.js [package name, default "sharedmap"]
'use strict';
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const NWORKERS = 4;
const OWN = 300; // keys each worker owns
const COUNTERS = 8;
const ROUNDS = 25; // exclusive-lock increments of every counter, per worker
const SHARED = 16; // keys every worker overwrites concurrently

function workerMain() {
  const SharedMap = require(workerData.pkg);
  const map = workerData.map;
  Object.setPrototypeOf(map, SharedMap.prototype);
  const w = workerData.w;
  let bad = 0;

  // 1. every worker fills its own keys while the others do the same
  for (let i = 0; i < OWN; i++) map.set(`w${w}:${i}`, i * 7 + w);
  // 2. reads its own keys back, and peeks at a neighbour's (absent or exact, never torn)
  for (let i = 0; i < OWN; i++) {
    if (map.get(`w${w}:${i}`) !== String(i * 7 + w)) bad++;
    const n = (w + 1) % NWORKERS;
    const v = map.get(`w${n}:${i}`);
    if (v !== undefined && v !== String(i * 7 + n)) bad++;
  }
  // 3. counters: get + set under the exclusive lock
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < COUNTERS; k++) {
      map.lockExclusive();
      const v = map.get(`c${k}`, { lockExclusive: true });
      map.set(`c${k}`, (v === undefined ? 0 : +v) + 1, { lockExclusive: true });
      map.unlockExclusive();
    }
  }
  // 4. every worker overwrites the same keys (last writer wins, values stay whole)
  for (let r = 0; r < 10; r++) {
    for (let k = 0; k < SHARED; k++) map.set(`s${k}`, `from-${w}-${r}`);
    for (let k = 0; k < SHARED; k++) {
      const v = map.get(`s${k}`);
      if (!/^from-[0-3]-\d$/.test(v)) bad++;
    }
  }
  // 5. delete every fifth own key (exclusive lock, rechains the collision chain)
  for (let i = 0; i < OWN; i += 5) map.delete(`w${w}:${i}`);
  parentPort.postMessage({ w, bad });
}

async function main() {
  const pkg = process.argv[2] || 'sharedmap';
  const SharedMap = require(pkg);
  const map = new SharedMap(4096, 16, 16);
  const reports = [];
  const workers = [];
  for (let w = 0; w < NWORKERS; w++) {
    const worker = new Worker(__filename, { workerData: { map, w, pkg } });
    worker.on('message', (m) => reports.push(m));
    workers.push(new Promise((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', resolve);
    }));
  }
  await Promise.all(workers);
  reports.sort((a, b) => a.w - b.w);
  for (const r of reports) console.log(`worker ${r.w}: ${r.bad} bad reads`);

  let own = 0;
  let wrong = 0;
  for (let w = 0; w < NWORKERS; w++) {
    for (let i = 0; i < OWN; i++) {
      const v = map.get(`w${w}:${i}`);
      if (i % 5 === 0) { if (v !== undefined) wrong++; } else if (v === String(i * 7 + w)) own++; else wrong++;
    }
  }
  console.log(`own keys present: ${own}, wrong: ${wrong}`);
  const counters = [];
  for (let k = 0; k < COUNTERS; k++) counters.push(map.get(`c${k}`));
  console.log(`counters: ${counters.join(' ')}`);
  let sharedOk = 0;
  for (let k = 0; k < SHARED; k++) if (/^from-[0-3]-9$/.test(map.get(`s${k}`))) sharedOk++;
  console.log(`shared keys with a final value: ${sharedOk}/${SHARED}`);
  const keys = Array.from(map.keys());
  console.log(`length ${map.length}, keys() ${keys.length}`);
  const sum = map.reduce((a, v, k) => (k.startsWith('c') ? a + Number(v) : a), 0);
  console.log(`sum of counters by reduce: ${sum}`);
}

if (isMainThread) main().catch((e) => { console.error(e); process.exit(1); });
else workerMain();
