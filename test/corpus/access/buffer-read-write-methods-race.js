// expect: race
// Node Buffer read*/write* methods on views of a SharedArrayBuffer, each pair in its own
// 8-byte slot: the worker writes, the parent reads right after creating the worker. Pairs
// overlap partly (writeUInt16BE at 8 covers 8..9, readUInt16LE at 9 covers 9..10) and the
// variable-width forms cover exactly byteLength bytes (writeIntLE(v, 32, 6) covers 32..37,
// readIntLE(37, 3) races on byte 37, readUIntBE(38, 2) touches 38..39 only). The worker's
// Buffer.from(sab, 56, 8) view writes absolute bytes 58..61.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(72);
  new Worker(__filename, { workerData: sab });
  const buf = Buffer.from(sab);
  const got = [];
  got.push(buf.readInt32LE(0)); // RACE
  got.push(buf.readUInt16LE(9)); // RACE
  got.push(buf.readBigInt64LE(16)); // RACE
  got.push(buf.readDoubleBE(24)); // RACE
  got.push(buf.readIntLE(37, 3)); // RACE
  got.push(buf.readUIntBE(38, 2));
  got.push(buf.readFloatLE(41)); // RACE
  got.push(buf.readInt8(48)); // RACE
  got.push(buf.readUint16LE(61)); // RACE
  got.push(buf.readUInt8(62));
  got.push(buf.readBigUint64BE(64)); // RACE
  void got;
} else {
  const buf = Buffer.from(workerData);
  buf.writeInt32LE(-123456, 0); // RACE
  buf.writeUInt16BE(0xbeef, 8); // RACE
  buf.writeBigInt64LE(-5n, 16); // RACE
  buf.writeDoubleBE(Math.PI, 24); // RACE
  buf.writeIntLE(-0x123456789a, 32, 6); // RACE
  buf.writeFloatBE(0.5, 40); // RACE
  buf.writeUInt8(200, 48); // RACE
  const view = Buffer.from(workerData, 56, 8);
  view.writeUInt32BE(0xdeadbeef, 2); // RACE
  buf.writeBigUInt64BE(7n, 64); // RACE
}
