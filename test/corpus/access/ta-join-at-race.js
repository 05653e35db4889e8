// expect: race
// join and toLocaleString read every element; at(i) reads element i only. j.join('-')
// races with the worker's write of j[2]; t.at(-1) reads t[3] and races with the write of
// t[3] (t.at(0) reads t[0], which the worker does not touch, and the write of t[2] is not
// read); l.toLocaleString() races with the write of l[0].
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => ({ j: new Uint8Array(sab, 0, 4), t: new Int32Array(sab, 8, 4), l: new Float64Array(sab, 24, 1) });

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  new Worker(__filename, { workerData: sab });
  const { j, t, l } = views(sab);
  const seen = [];
  seen.push(j.join('-')); // RACE
  seen.push(t.at(0));
  seen.push(t.at(-1)); // RACE
  seen.push(l.toLocaleString()); // RACE
  void seen;
} else {
  const { j, t, l } = views(workerData);
  j[2] = 1; // RACE
  t[2] = 1;
  t[3] = 1; // RACE
  l[0] = 1; // RACE
}
