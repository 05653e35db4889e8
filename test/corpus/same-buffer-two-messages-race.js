// expect: race
// The parent posts the same SharedArrayBuffer to one worker in two messages; the worker gets
// a distinct buffer object for each arrival but they are the same memory. The parent writes
// both elements after both sends, so the worker's read through the first arrival (a[1]) and
// through the second (a[0]) race with them.
const { Worker, isMainThread, parentPort } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  const a = new Int32Array(sab);
  const w = new Worker(__filename);
  w.postMessage({ sab });
  w.postMessage({ sab });
  a[0] = 1; // RACE
  a[2] = 2; // RACE
} else {
  const views = [];
  const onMessage = ({ sab }) => {
    views.push(new Int32Array(sab));
    if (views.length < 2) return;
    parentPort.off('message', onMessage);
    const first = views[0][2]; // RACE
    const second = views[1][0]; // RACE
    void first, void second;
  };
  parentPort.on('message', onMessage);
}
