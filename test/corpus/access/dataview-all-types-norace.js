// expect: norace
// DataView get/set of every type in both endiannesses: the worker sets each 8-byte slot,
// the parent reads them back only in the worker's 'exit' handler (exit is an edge) and
// checks the values, including a byte-order check through a Uint8Array.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(80);
  new Worker(__filename, { workerData: sab }).on('exit', () => {
    const dv = new DataView(sab);
    const u8 = new Uint8Array(sab);
    const check = (name, got, want) => {
      if (got !== want) throw new Error(`${name}: got ${got}, want ${want}`);
    };
    check('Int8', dv.getInt8(0), -5);
    check('Uint8', dv.getUint8(8), 250);
    check('Int16 BE', dv.getInt16(16, false), -300);
    check('Int16 LE', dv.getInt16(16, true), -11010); // 0xfed4 read with swapped bytes: 0xd4fe
    check('Uint16 LE', dv.getUint16(24, true), 60000);
    check('Int32 BE', dv.getInt32(32), -70000);
    check('Uint32 LE', dv.getUint32(40, true), 4000000000);
    check('Float32 BE', dv.getFloat32(48, false), 1.5);
    check('Float64 LE', dv.getFloat64(56, true), -2.25);
    check('BigInt64 BE', dv.getBigInt64(64), -3n);
    check('BigUint64 LE', dv.getBigUint64(72, true), 2n ** 63n);
    check('Uint16 LE low byte', u8[24], 60000 & 0xff);
    check('Int16 BE high byte', u8[16], 0xfe);
  });
} else {
  const dv = new DataView(workerData);
  dv.setInt8(0, -5);
  dv.setUint8(8, 250);
  dv.setInt16(16, -300, false);
  dv.setUint16(24, 60000, true);
  dv.setInt32(32, -70000);
  dv.setUint32(40, 4000000000, true);
  dv.setFloat32(48, 1.5, false);
  dv.setFloat64(56, -2.25, true);
  dv.setBigInt64(64, -3n);
  dv.setBigUint64(72, 2n ** 63n, true);
}
