// piscina: several tasks each rewrite a disjoint slice of one shared Int32Array; the caller
// fills the array before the tasks and reads it all after awaiting every pool.run. The pool's
// messages order the caller's writes before the tasks and the tasks before the caller's reads.
'use strict';
const path = require('path');
const { Piscina } = require('piscina');

const LENGTH = 4000;
const TASKS = 8;

async function main() {
  const pool = new Piscina({ filename: path.join(__dirname, 'piscina-task.js'), minThreads: 2, maxThreads: 4 });
  const sab = new SharedArrayBuffer(LENGTH * 4);
  const a = new Int32Array(sab);
  for (let i = 0; i < LENGTH; i++) a[i] = i;
  const per = LENGTH / TASKS;
  const sums = await Promise.all(
    Array.from({ length: TASKS }, (_, t) => pool.run({ sab, start: t * per, end: (t + 1) * per }, { name: 'fillSlice' })),
  );
  let total = 0;
  let wrong = 0;
  for (let i = 0; i < LENGTH; i++) {
    if (a[i] !== i * 3 + 1) wrong++;
    total += a[i];
  }
  const reported = sums.reduce((x, y) => x + y, 0);
  const expected = 3 * (LENGTH * (LENGTH - 1)) / 2 + LENGTH;
  console.log(`slices: ${sums.length}, array total ${total}, task total ${reported}, expected ${expected}, wrong ${wrong}`);
  await pool.destroy();
  console.log('pool destroyed');
}

main().catch((e) => { console.error(e); process.exit(1); });
