// expect: norace
// A -> B -> C over two MessageChannels whose ports the parent hands out in messages (ports
// in the transferList, not in workerData). A writes and posts to B; B checks, writes and
// posts to C; C reads both writes: each hop is a send before a receipt.
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
      a[0] = 1;
      ports.out.postMessage('from A');
      ports.out.close();
    } else if (role === 'B') {
      ports.in.once('message', () => {
        if (a[0] !== 1) throw new Error(`B saw a[0] = ${a[0]}`);
        a[1] = 2;
        ports.out.postMessage('from B');
        ports.out.close();
        ports.in.close();
      });
    } else {
      ports.in.once('message', () => {
        if (a[0] !== 1 || a[1] !== 2) throw new Error(`C saw ${a[0]} ${a[1]}`);
        ports.in.close();
      });
    }
  });
}
