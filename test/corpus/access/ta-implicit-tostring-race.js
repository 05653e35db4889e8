// expect: race
// Converting a typed array to a string (template literal, String(), + '') calls its
// toString, which is Array.prototype.toString -> join: every element is read, at the line
// of the conversion. Each conversion races with the worker's write of one element of the
// array it converts.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => [0, 8, 16].map((at) => new Uint8Array(sab, at, 4));

if (isMainThread) {
  const sab = new SharedArrayBuffer(24);
  new Worker(__filename, { workerData: sab });
  const [a, b, c] = views(sab);
  const s1 = `${a}`; // RACE
  const s2 = String(b); // RACE
  const s3 = c + ''; // RACE
  void s1, void s2, void s3;
} else {
  const [a, b, c] = views(workerData);
  a[1] = 1; // RACE
  b[2] = 1; // RACE
  c[3] = 1; // RACE
}
