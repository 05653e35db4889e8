// expect: race
// Only a message on the same channel name is an edge. The writer worker writes a[0] and
// posts on 'alpha' (where nobody listens); the reader worker listens on 'beta', on which the
// parent posts 100 ms after the reader said it was listening (a timer, no edge from the
// writer). The reader's handler is not ordered after the writer's write. The writer stays
// alive until the reader has read, so no exit orders it either.
const { Worker, isMainThread, workerData, parentPort, BroadcastChannel } = require('worker_threads');

const ALPHA = 'jsrace-edges-broadcast-alpha';
const BETA = 'jsrace-edges-broadcast-beta';

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(16));
  const bye = new Int32Array(new SharedArrayBuffer(4));
  new Worker(__filename, { workerData: { a, bye, role: 'writer' } });
  const reader = new Worker(__filename, { workerData: { a, bye, role: 'reader' } });
  reader.once('message', () => {
    setTimeout(() => {
      const beta = new BroadcastChannel(BETA);
      beta.postMessage('go');
      beta.close();
    }, 100);
  });
} else {
  const { a, bye, role } = workerData;
  if (role === 'writer') {
    a[0] = 1; // RACE
    const alpha = new BroadcastChannel(ALPHA);
    alpha.postMessage('written');
    alpha.close();
    Atomics.wait(bye, 0, 0);
  } else {
    const beta = new BroadcastChannel(BETA);
    beta.onmessage = () => {
      const seen = a[0]; // RACE
      void seen;
      beta.close();
      Atomics.store(bye, 0, 1);
      Atomics.notify(bye, 0);
    };
    parentPort.postMessage('listening');
  }
}
