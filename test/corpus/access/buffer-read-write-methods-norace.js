// expect: norace
// Node Buffer read*/write* methods on views of a SharedArrayBuffer: the worker writes every
// slot and then posts a message; the parent reads the slots only when the message arrives
// (postMessage -> receipt is an edge) and checks them.
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(72);
  const w = new Worker(__filename, { workerData: sab });
  w.on('message', () => {
    const buf = Buffer.from(sab);
    const check = (name, got, want) => {
      if (got !== want) throw new Error(`${name}: got ${got}, want ${want}`);
    };
    check('readInt32LE', buf.readInt32LE(0), -123456);
    check('readUInt16LE', buf.readUInt16LE(8), 0xefbe);
    check('readBigInt64LE', buf.readBigInt64LE(16), -5n);
    check('readDoubleBE', buf.readDoubleBE(24), Math.PI);
    check('readIntLE', buf.readIntLE(32, 6), -0x123456789a);
    check('readUIntBE', buf.readUIntBE(38, 2), 0);
    check('readFloatBE', buf.readFloatBE(40), 0.5);
    check('readInt8', buf.readInt8(48), -56);
    check('readUint16LE', buf.readUint16LE(61), 0xef);
    check('readUInt32BE via view', Buffer.from(sab, 56, 8).readUInt32BE(2), 0xdeadbeef);
    check('readBigUint64BE', buf.readBigUint64BE(64), 7n);
  });
} else {
  const buf = Buffer.from(workerData);
  buf.writeInt32LE(-123456, 0);
  buf.writeUInt16BE(0xbeef, 8);
  buf.writeBigInt64LE(-5n, 16);
  buf.writeDoubleBE(Math.PI, 24);
  buf.writeIntLE(-0x123456789a, 32, 6);
  buf.writeFloatBE(0.5, 40);
  buf.writeUInt8(200, 48);
  const view = Buffer.from(workerData, 56, 8);
  view.writeUInt32BE(0xdeadbeef, 2);
  buf.writeBigUInt64BE(7n, 64);
  parentPort.postMessage('done');
}
