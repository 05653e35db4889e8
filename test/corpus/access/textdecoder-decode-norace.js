// expect: norace
// TextDecoder.decode of shared bytes that no other thread writes concurrently: the worker
// writes bytes 8..15 and 20..23 only, while the parent decodes a Uint8Array of bytes 0..7,
// a DataView of bytes 16..19 and a Uint16Array of bytes 24..27; the parent decodes the
// whole buffer only after the worker has exited (exit is an edge). Decoded text is checked.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  const u8 = new Uint8Array(sab);
  u8.set([0x68, 0x69], 0);
  u8.set([0x6f, 0x6b], 16);
  u8.set([0x41, 0, 0x42, 0], 24);
  new Worker(__filename, { workerData: sab }).on('exit', () => {
    const all = new TextDecoder().decode(sab);
    if (all.slice(8, 16) !== 'xxxxxxxx' || all.slice(20, 24) !== 'yyyy') throw new Error(`decoded ${JSON.stringify(all)}`);
  });
  const dec = new TextDecoder();
  const seen = [
    dec.decode(new Uint8Array(sab, 0, 8)), dec.decode(new DataView(sab, 16, 4)),
    new TextDecoder('utf-16le').decode(new Uint16Array(sab, 24, 2)),
  ];
  if (seen.join('|') !== 'hi\0\0\0\0\0\0|ok\0\0|AB') throw new Error(`decoded ${JSON.stringify(seen)}`);
} else {
  const u8 = new Uint8Array(workerData);
  u8.fill(0x78, 8, 16);
  u8.fill(0x79, 20, 24);
}
