// Several workers update the same keys of one sharedmap at once: plain map.set/map.get, as the
// README promises ("fully thread-safe, multiple get/set can execute in parallel"). The keys are
// created before the workers start, so the workers only replace values in place. With the
// package's locks this is race-free; with its locks removed the value bytes race.
// Usage: node sharedmap-contended.js [package name, default "sharedmap"]
'use strict';
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const NWORKERS = 3;
const KEYS = 8;
const ROUNDS = 60;

function workerMain() {
  const SharedMap = require(workerData.pkg);
  const map = workerData.map;
  Object.setPrototypeOf(map, SharedMap.prototype);
  const w = workerData.w;
  let seen = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < KEYS; k++) {
      map.set(`key${k}`, `w${w}r${r}`);
      if (map.get(`key${k}`) !== undefined) seen++;
    }
  }
  parentPort.postMessage(seen);
}

async function main() {
  const pkg = process.argv[2] || 'sharedmap';
  const SharedMap = require(pkg);
  const map = new SharedMap(64, 8, 8);
  for (let k = 0; k < KEYS; k++) map.set(`key${k}`, 'initial');
  const done = [];
  for (let w = 0; w < NWORKERS; w++) {
    const worker = new Worker(__filename, { workerData: { map, w, pkg } });
    done.push(new Promise((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', resolve);
    }));
  }
  await Promise.all(done);
  console.log(`done: ${map.length} keys`);
}

if (isMainThread) main().catch((e) => { console.error(e); process.exit(1); });
else workerMain();
