// piscina: two tasks write the same element of a shared array with plain writes, at the same
// time in two pool threads. Nothing orders the two writes: a data race.
'use strict';
const path = require('path');
const { Piscina } = require('piscina');

async function main() {
  const pool = new Piscina({ filename: path.join(__dirname, 'piscina-task.js'), minThreads: 2, maxThreads: 2 });
  const sab = new SharedArrayBuffer(16);
  const barrier = new SharedArrayBuffer(4);
  const results = await Promise.all([
    pool.run({ sab, barrier }, { name: 'bumpShared' }),
    pool.run({ sab, barrier }, { name: 'bumpShared' }),
  ]);
  console.log(`tasks arrived as ${results.sort().join(' and ')}`);
  await pool.destroy();
}

main().catch((e) => { console.error(e); process.exit(1); });
