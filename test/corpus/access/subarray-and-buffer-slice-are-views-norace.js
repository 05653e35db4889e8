// expect: norace
// subarray(), Buffer's slice()/subarray() and the length/byteOffset/buffer getters make or
// describe views; they read no element. The parent calls them while the worker writes
// every byte, and reads through the new views only after the worker has exited (exit is
// an edge), checking the bytes.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(16);
  new Worker(__filename, { workerData: sab }).on('exit', () => {
    const all = [...sub, ...slice, ...bsub, ...inner].join();
    const w = 0x07070707;
    if (all !== `${w},${w},7,7,7,7,7,7,7,7,${w}`) throw new Error(`read ${all}`);
  });
  const ta = new Int32Array(sab);
  const buf = Buffer.from(sab);
  const sub = ta.subarray(1, 3);
  const slice = buf.slice(2, 6);
  const bsub = buf.subarray(12);
  const inner = sub.subarray(1);
  const shape = [ta.length, sub.byteOffset, slice.byteOffset, bsub.length, inner.byteOffset, sub.buffer === sab];
  if (shape.join() !== '4,4,2,4,8,true') throw new Error(`shape ${shape}`);
} else {
  new Uint8Array(workerData).fill(7);
}
