// expect: race
// postMessageToThread between two workers, but the sender posts before it writes a[0]: the
// receiver's 'workerMessage' handler reads a[0] unordered with that write. The sender stays
// alive until the receiver has read (the receiver releases it through an Atomics flag).
const { Worker, isMainThread, workerData, parentPort, postMessageToThread } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(16));
  const bye = new Int32Array(new SharedArrayBuffer(4));
  const receiver = new Worker(__filename, { workerData: { a, bye, role: 'receiver' } });
  receiver.once('message', () => {
    new Worker(__filename, { workerData: { a, bye, role: 'sender', to: receiver.threadId } });
  });
} else {
  const { a, bye, role, to } = workerData;
  if (role === 'sender') {
    a[1] = 8;
    postMessageToThread(to, 'go').catch((e) => {
      throw e;
    });
    a[0] = 7; // RACE
    Atomics.wait(bye, 0, 0);
  } else {
    const keepAlive = setInterval(() => {}, 1000);
    process.once('workerMessage', () => {
      if (a[1] !== 8) throw new Error(`a[1] = ${a[1]}`);
      const seen = a[0]; // RACE
      void seen;
      Atomics.store(bye, 0, 1);
      Atomics.notify(bye, 0);
      clearInterval(keepAlive);
      parentPort.close();
    });
    parentPort.postMessage('listening');
  }
}
