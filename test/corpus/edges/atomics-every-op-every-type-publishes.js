// expect: norace
// Every writing Atomics operation (store, add, sub, and, or, xor, exchange, a successful
// compareExchange) on every integer element type (Int8 ... BigUint64) releases the writer's
// earlier plain write: the reader acquires with Atomics.load (or an Atomics.add of 0) once it
// sees the value that very operation wrote, then reads the data slot. 8 types x 8 ops, each
// with its own flag and data slot.
const { Worker, isMainThread, workerData } = require('worker_threads');

const TYPES = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array];
// [op, initial flag value, apply(flag, n), value the reader waits for]
const OPS = [
  ['store', 0, (f, n) => Atomics.store(f, 0, n(1)), 1],
  ['add', 0, (f, n) => Atomics.add(f, 0, n(1)), 1],
  ['sub', 5, (f, n) => Atomics.sub(f, 0, n(1)), 4],
  ['and', 7, (f, n) => Atomics.and(f, 0, n(2)), 2],
  ['or', 0, (f, n) => Atomics.or(f, 0, n(4)), 4],
  ['xor', 3, (f, n) => Atomics.xor(f, 0, n(1)), 2],
  ['exchange', 0, (f, n) => Atomics.exchange(f, 0, n(9)), 9],
  ['compareExchange', 0, (f, n) => {
    if (Atomics.compareExchange(f, 0, n(0), n(6)) !== n(0)) throw new Error('compareExchange failed');
  }, 6],
];
const CASES = [];
for (const T of TYPES) for (const op of OPS) CASES.push([T, op]);
const num = (T) => (T === BigInt64Array || T === BigUint64Array ? BigInt : Number);
// Each flag sits in its own 8-byte slot of one buffer.
const flagOf = (sab, k) => new CASES[k][0](sab, k * 8, 1);

if (isMainThread) {
  const flags = new SharedArrayBuffer(8 * CASES.length);
  const data = new Int32Array(new SharedArrayBuffer(4 * CASES.length));
  CASES.forEach(([T, [, init]], k) => { flagOf(flags, k)[0] = num(T)(init); });
  new Worker(__filename, { workerData: { flags, data, role: 'writer' } });
  new Worker(__filename, { workerData: { flags, data, role: 'reader' } });
} else {
  const { flags, data, role } = workerData;
  CASES.forEach(([T, [name, , apply, want]], k) => {
    const f = flagOf(flags, k);
    const n = num(T);
    if (role === 'writer') {
      data[k] = 100 + k;
      apply(f, n);
    } else {
      const acquire = k % 2 ? () => Atomics.add(f, 0, n(0)) : () => Atomics.load(f, 0);
      while (acquire() !== n(want));
      if (data[k] !== 100 + k) throw new Error(`${T.name} ${name}: data = ${data[k]}`);
    }
  });
}
