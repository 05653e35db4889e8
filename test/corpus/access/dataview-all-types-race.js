// expect: race
// DataView get/set of every type, each pair in its own 8-byte slot: the worker sets, the
// parent gets right after creating the worker (no edge orders them). The worker writes
// with one endianness and the parent reads with the other; endianness changes no bytes.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(80);
  new Worker(__filename, { workerData: sab });
  const dv = new DataView(sab);
  const got = [
    dv.getInt8(0), // RACE
    dv.getUint8(8), // RACE
    dv.getInt16(16, true), // RACE
    dv.getUint16(24, false), // RACE
    dv.getInt32(32, true), // RACE
    dv.getUint32(40), // RACE
    dv.getFloat32(48, true), // RACE
    dv.getFloat64(56, false), // RACE
    dv.getBigInt64(64, true), // RACE
    dv.getBigUint64(72), // RACE
  ];
  void got;
} else {
  const dv = new DataView(workerData);
  dv.setInt8(0, -5); // RACE
  dv.setUint8(8, 250); // RACE
  dv.setInt16(16, -300, false); // RACE
  dv.setUint16(24, 60000, true); // RACE
  dv.setInt32(32, -70000, false); // RACE
  dv.setUint32(40, 4000000000, true); // RACE
  dv.setFloat32(48, 1.5, false); // RACE
  dv.setFloat64(56, -2.25, true); // RACE
  dv.setBigInt64(64, -3n, false); // RACE
  dv.setBigUint64(72, 2n ** 63n, true); // RACE
}
