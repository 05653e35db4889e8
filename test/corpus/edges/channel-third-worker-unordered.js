// expect: race
// A -> B is ordered over a channel, but C hears from B over a second channel a message B
// sent as soon as it got its ports, before A's message arrived. C is ordered after B's
// start only: its read of A's write races (B's own read of it, after A's message, does not).
const { Worker, isMainThread, workerData, parentPort, MessageChannel } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(16));
  const ab = new MessageChannel();
  const bc = new MessageChannel();
  const A = new Worker(__filename, { workerData: { a, role: 'A' } });
  const B = new Worker(__filename, { workerData: { a, role: 'B' } });
  const C = new Worker(__filename, { workerData: { a, role: 'C' } });
  C.postMessage({ in: bc.port2 }, [bc.port2]);
  B.postMessage({ in: ab.port2, out: bc.port1 }, [ab.port2, bc.port1]);
  A.postMessage({ out: ab.port1 }, [ab.port1]);
} else {
  const { a, role } = workerData;
  parentPort.once('message', (ports) => {
    if (role === 'A') {
      a[0] = 1; // RACE
      ports.out.postMessage('from A');
      ports.out.close();
    } else if (role === 'B') {
      ports.out.postMessage('from B');
      ports.out.close();
      ports.in.once('message', () => {
        if (a[0] !== 1) throw new Error(`B saw a[0] = ${a[0]}`);
        ports.in.close();
      });
    } else {
      ports.in.once('message', () => {
        const seen = a[0]; // RACE
        void seen;
        ports.in.close();
      });
    }
  });
}
