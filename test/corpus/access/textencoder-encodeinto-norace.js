// expect: norace
// TextEncoder.encodeInto writes only the bytes it encodes: 'héllo' into u8.subarray(2, 10)
// writes bytes 2..7, and 'ab' into a view at byte 18 writes bytes 18..19. The worker reads
// bytes 1, 8, 9 and 20..23 meanwhile (all zero: nobody writes them) and reads the encoded
// bytes only after the parent's message (postMessage -> receipt is an edge).
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(24);
  const w = new Worker(__filename, { workerData: sab });
  const u8 = new Uint8Array(sab);
  const enc = new TextEncoder();
  const r1 = enc.encodeInto('héllo', u8.subarray(2, 10));
  const r2 = enc.encodeInto('ab', new Uint8Array(sab, 18, 6));
  if (r1.written !== 6 || r2.written !== 2) throw new Error(`wrote ${r1.written}, ${r2.written}`);
  w.postMessage('encoded');
} else {
  const u8 = new Uint8Array(workerData);
  const untouched = [u8[1], u8[8], u8[9], new Uint32Array(workerData, 20, 1)[0]];
  if (untouched.join() !== '0,0,0,0') throw new Error(`untouched bytes ${untouched}`);
  parentPort.once('message', () => {
    const text = Buffer.from(workerData).toString('utf8', 2, 8) + Buffer.from(workerData).toString('utf8', 18, 20);
    if (text !== 'hélloab') throw new Error(`read ${JSON.stringify(text)}`);
    parentPort.close();
  });
}
