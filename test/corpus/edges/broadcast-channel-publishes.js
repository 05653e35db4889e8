// expect: norace
// BroadcastChannel: a message on a named channel orders the sender's earlier writes before
// the receiver's handler. Three sender workers each write their own slot and post its index;
// the parent reads every slot in its handler, and a listener worker (which said it was
// listening before the third sender started) reads the third sender's slot in its handler.
const { Worker, isMainThread, workerData, parentPort, BroadcastChannel } = require('worker_threads');

const NAME = 'jsrace-edges-broadcast-publishes';

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(16));
  const bc = new BroadcastChannel(NAME);
  let got = 0;
  bc.onmessage = ({ data: i }) => {
    if (a[i] !== 10 + i) throw new Error(`a[${i}] = ${a[i]}`);
    if (++got === 3) bc.close();
  };
  // The listener worker says it is listening before the third sender starts.
  const listener = new Worker(__filename, { workerData: { a, role: 'listener' } });
  listener.once('message', () => new Worker(__filename, { workerData: { a, role: 'sender', i: 2 } }));
  for (const i of [0, 1]) new Worker(__filename, { workerData: { a, role: 'sender', i } });
} else {
  const { a, role, i } = workerData;
  const bc = new BroadcastChannel(NAME);
  if (role === 'sender') {
    a[i] = 10 + i;
    bc.postMessage(i);
    bc.close();
  } else {
    bc.onmessage = ({ data: j }) => {
      if (j !== 2) return;
      if (a[2] !== 12) throw new Error(`listener saw a[2] = ${a[2]}`);
      bc.close();
    };
    parentPort.postMessage('listening');
  }
}
