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

if (isMainThread) {
  const data = new Int32Array(new SharedArrayBuffer(16));
  const flag = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { data, flag, role: 'writer' } });
  new Worker(__filename, { workerData: { data, flag, role: 'reader' } });
} else {
  const { data, flag, role } = workerData;
  const stores = spy('store');
  const loads = spy('load');
  if (role === 'writer') {
    for (let i = 0; i < 4; i++) data[i] = 42 + i;
    Atomics.store(flag, 0, 1);
    if (stores() !== 1) throw new Error(`${stores()} stores`);
  } else {
    while (Atomics.load(flag, 0) === 0);
    for (let i = 0; i < 4; i++) if (data[i] !== 42 + i) throw new Error(`data[${i}] = ${data[i]}`);
    if (loads() < 1) throw new Error('no loads');
  }
}
