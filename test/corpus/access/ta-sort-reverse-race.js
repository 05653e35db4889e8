// expect: race
// sort and reverse read and write the whole array; toSorted and toReversed read it. The
// parent's s.sort() races with the worker's read of s[3], r.reverse() with its write of
// r[0], q.toSorted() with its write of q[1], and p.toReversed() with its write of p[0].
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => ({
  s: new Int32Array(sab, 0, 4), r: new Uint16Array(sab, 16, 4), q: new Float64Array(sab, 24, 2), p: new Int8Array(sab, 40, 8),
});

if (isMainThread) {
  const sab = new SharedArrayBuffer(48);
  const { s, r, q, p } = views(sab);
  s.set([4, 3, 2, 1]);
  new Worker(__filename, { workerData: sab });
  s.sort(); // RACE
  r.reverse(); // RACE
  const sorted = q.toSorted(); // RACE
  const reversed = p.toReversed(); // RACE
  void sorted, void reversed;
} else {
  const { s, r, q, p } = views(workerData);
  const last = s[3]; // RACE
  r[0] = 1; // RACE
  q[1] = -1; // RACE
  p[0] = 1; // RACE
  void last;
}
