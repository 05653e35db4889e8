// expect: norace
// A chain of three workers: A -> B over a parent-made channel (ports in workerData), then
// B -> C over a channel B makes itself, whose port B sends to C inside a message on a second
// parent-made channel (whose far end C got in a parent message). C reads what A and B
// wrote: every hop is a send before a receipt.
const { Worker, isMainThread, workerData, parentPort, MessageChannel } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(32));
  const ab = new MessageChannel();
  const bc = new MessageChannel();
  new Worker(__filename, { workerData: { a, role: 'A', out: ab.port1 }, transferList: [ab.port1] });
  new Worker(__filename, { workerData: { a, role: 'B', in: ab.port2, out: bc.port1 }, transferList: [ab.port2, bc.port1] });
  const c = new Worker(__filename, { workerData: { a, role: 'C' } });
  c.postMessage({ port: bc.port2 }, [bc.port2]);
} else {
  const { a, role } = workerData;
  if (role === 'A') {
    a[0] = 1;
    workerData.out.postMessage('from A');
  } else if (role === 'B') {
    workerData.in.once('message', () => {
      if (a[0] !== 1) throw new Error(`B saw a[0] = ${a[0]}`);
      a[4] = 2;
      const own = new MessageChannel();
      workerData.out.postMessage({ port: own.port2 }, [own.port2]);
      a[6] = 3;
      own.port1.postMessage('from B');
      own.port1.close();
    });
  } else {
    parentPort.once('message', ({ port }) => {
      port.once('message', ({ port: fromB }) => {
        fromB.once('message', () => {
          if (a[0] !== 1 || a[4] !== 2 || a[6] !== 3) throw new Error(`C saw ${a[0]} ${a[4]} ${a[6]}`);
        });
      });
    });
  }
}
