// expect: norace
// TypedArray fill(v, start, end), set(array, offset) into shared memory and set(sharedView,
// offset) out of it, ordered with the worker's accesses of the same elements by messages:
// the parent fills and sets, posts 'go'; the worker checks and overwrites, posts 'done';
// the parent copies the shared source again and checks.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

const views = (sab) => ({ i16: new Int16Array(sab, 0, 8), i32: new Int32Array(sab, 16, 4), u8: new Uint8Array(sab, 32, 16) });

if (isMainThread) {
  const sab = new SharedArrayBuffer(48);
  const w = new Worker(__filename, { workerData: sab });
  const { i16, i32, u8 } = views(sab);
  i16.fill(7, 2, 4);
  i32.set([1, 2], 1);
  const local = new Uint8Array(8);
  local.set(u8.subarray(4, 8), 2);
  if (local.join() !== '0,0,0,0,0,0,0,0') throw new Error(`copied ${local}`);
  w.postMessage('go');
  w.on('message', () => {
    local.set(u8.subarray(4, 8), 2);
    if (local.join() !== '0,0,0,0,1,0,0,0') throw new Error(`copied ${local}`);
    w.terminate();
  });
} else {
  const { i16, i32, u8 } = views(workerData);
  parentPort.once('message', () => {
    if (i16[3] !== 7 || i16[4] !== 0) throw new Error(`i16 = ${i16}`);
    if (i32.join() !== '0,1,2,0') throw new Error(`i32 = ${i32}`);
    i32[2] = 5;
    i32[3] = 5;
    u8[6] = 1;
    u8[9] = 1;
    parentPort.postMessage('done');
  });
}
