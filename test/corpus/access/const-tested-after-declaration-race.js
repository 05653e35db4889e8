// expect: race
// Accesses through a const are tested once, right after its declaration (instrument/
// plugin.ts constTest), and a loop over them runs unchecked only when that test says the
// const holds no shared view. Here the worker's consts hold shared views: the destructured
// `data`, read in a loop after it, and `slot`, declared anew in each iteration of a loop
// and shared in every other one. The parent writes element 5 of each without order.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(64));
  const slots = new Int32Array(new SharedArrayBuffer(64));
  new Worker(__filename, { workerData: { data, slots } });
  data[5] = 1; // RACE
  slots[5] = 1; // RACE
} else {
  const { data, slots } = workerData;
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i]; // RACE
  for (let i = 0; i < 8; i++) {
    const slot = i % 2 ? slots : new Int32Array(16);
    slot[5] += i; // RACE
  }
  void sum;
}
