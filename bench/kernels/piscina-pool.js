// Kernel: a piscina pool of small tasks, each rewriting its own slice of one shared array;
// the caller sums the array after all tasks resolved.
const path = require('path');
const { Piscina } = require('piscina');
const TASKS = 400;
const SLICE = 256;

async function main() {
  const data = new Int32Array(new SharedArrayBuffer(TASKS * SLICE * 4));
  const pool = new Piscina({ filename: path.join(__dirname, 'piscina-task.js'), maxThreads: 2, minThreads: 2 });
  const start = performance.now();
  await Promise.all(Array.from({ length: TASKS }, (_, t) => pool.run({ data, from: t * SLICE, to: (t + 1) * SLICE })));
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i];
  const ms = performance.now() - start;
  await pool.destroy();
  console.log(JSON.stringify({ ms, rssKb: process.resourceUsage().maxRSS, sum }));
}
main();
