// expect: race
// Optional chains holding a computed member are lowered before they are checked. Through an
// arrow called at once, the chain's temporary becomes the arrow's parameter, assigned in its
// body: its read of o.a[i] must still be checked (it races with the worker's write of a[1]).
// A delete through a chain of a plain object touches no shared memory and still deletes.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(8));
  new Worker(__filename, { workerData: a });
  const o = { a, p: { x: [1, 2] } };
  const i = 1;
  const seen = (() => o.a?.[i])(); // RACE
  const gone = delete o.p?.x[0];
  if (!gone || 0 in o.p.x) throw new Error('delete did not delete');
  void seen;
} else {
  workerData[1] = 1; // RACE
}
