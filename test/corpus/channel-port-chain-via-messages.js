// expect: norace
// The A -> B -> C chain with every port delivered inside a message instead of workerData:
// the parent posts each worker its ports, B makes a channel of its own and sends one end to
// C over the B -> C channel. C reads what A and B wrote; every hop is a send before a receipt.
const { Worker, isMainThread, parentPort, MessageChannel } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(32));
  const ab = new MessageChannel();
  const bc = new MessageChannel();
  new Worker(__filename).postMessage({ a, role: 'A', out: ab.port1 }, [ab.port1]);
  new Worker(__filename).postMessage({ a, role: 'B', in: ab.port2, out: bc.port1 }, [ab.port2, bc.port1]);
  new Worker(__filename).postMessage({ a, role: 'C', in: bc.port2 }, [bc.port2]);
} else {
  parentPort.once('message', (w) => {
    const { a, role } = w;
    if (role === 'A') {
      a[0] = 1;
      w.out.postMessage('from A');
    } else if (role === 'B') {
      w.in.once('message', () => {
        if (a[0] !== 1) throw new Error(`B saw a[0] = ${a[0]}`);
        a[4] = 2;
        const own = new MessageChannel();
        w.out.postMessage({ port: own.port2 }, [own.port2]);
        a[6] = 3;
        own.port1.postMessage('from B');
        own.port1.close();
      });
    } else {
      w.in.once('message', ({ port: fromB }) => {
        fromB.once('message', () => {
          if (a[0] !== 1 || a[4] !== 2 || a[6] !== 3) throw new Error(`C saw ${a[0]} ${a[4]} ${a[6]}`);
        });
      });
    }
  });
}
