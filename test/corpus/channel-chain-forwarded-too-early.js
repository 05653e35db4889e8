// expect: race
// The A -> B -> C chain, but B forwards to C as soon as it starts instead of after A's
// message: C is ordered after B's start only, not after A's write.
const { Worker, isMainThread, workerData, MessageChannel } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(4));
  const ab = new MessageChannel();
  const bc = new MessageChannel();
  new Worker(__filename, { workerData: { a, role: 'A', out: ab.port1 }, transferList: [ab.port1] });
  new Worker(__filename, { workerData: { a, role: 'B', in: ab.port2, out: bc.port1 }, transferList: [ab.port2, bc.port1] });
  new Worker(__filename, { workerData: { a, role: 'C', in: bc.port2 }, transferList: [bc.port2] });
} else {
  const { a, role } = workerData;
  if (role === 'A') {
    a[0] = 1; // RACE
    workerData.out.postMessage('from A');
  } else if (role === 'B') {
    workerData.out.postMessage('from B'); // too early: A's message has not arrived yet
    workerData.in.once('message', () => {});
  } else {
    workerData.in.once('message', () => {
      const seen = a[0]; // RACE
      void seen;
    });
  }
}
