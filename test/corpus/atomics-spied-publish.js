// expect: norace
// A test double wraps Atomics.store and Atomics.load (counting calls) and calls the real ones:
// the publication still happens through them, so the plain data is ordered.
const { Worker, isMainThread, workerData } = require('worker_threads');

function spy(name) {
  const real = Atomics[name];
  let calls = 0;
  Atomics[name] = function (...args) {
    calls++;
    return real.apply(this, args);
  };
  return () => calls;
}

const FLAG = 4; // after four data elements, in the same buffer

if (isMainThread) {
  const words = new Int32Array(new SharedArrayBuffer(20));
  for (const role of ['writer', 'reader']) new Worker(__filename, { workerData: { words, role } });
} else {
  const { words: data, role } = workerData;
  const stores = spy('store');
  const loads = spy('load');
  if (role === 'writer') {
    for (let i = 0; i < 4; i++) data[i] = 42 + i;
    Atomics.store(data, FLAG, 1);
    if (stores() !== 1) throw new Error(`${stores()} stores`);
  } else {
    while (Atomics.load(data, FLAG) === 0);
    for (let i = 0; i < 4; i++) if (data[i] !== 42 + i) throw new Error(`data[${i}] = ${data[i]}`);
    if (loads() < 1) throw new Error('no loads');
  }
}
