// expect: norace
// BigInt64Array atomics: two workers count with Atomics.add(…, 1n), write their own plain
// BigUint64Array slot, then bump a done counter and notify. The parent blocks with
// Atomics.wait on the BigInt64Array until both are done and reads the plain slots.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const b = new BigInt64Array(new SharedArrayBuffer(16));
  const slots = new BigUint64Array(new SharedArrayBuffer(16));
  for (let i = 0; i < 2; i++) new Worker(__filename, { workerData: { b, slots, i } });
  let v;
  while ((v = Atomics.load(b, 1)) !== 2n) Atomics.wait(b, 1, v);
  if (b[0] !== 200n) throw new Error(`count = ${b[0]}`);
  if (slots[0] !== 2n ** 63n || slots[1] !== 2n ** 63n + 1n) throw new Error(`slots = ${slots[0]} ${slots[1]}`);
} else {
  const { b, slots, i } = workerData;
  for (let k = 0; k < 100; k++) Atomics.add(b, 0, 1n);
  slots[i] = 2n ** 63n + BigInt(i);
  Atomics.add(b, 1, 1n);
  Atomics.notify(b, 1);
}
