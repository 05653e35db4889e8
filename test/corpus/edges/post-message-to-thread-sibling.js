// expect: norace
// postMessageToThread between two workers: the receiver registers a 'workerMessage'
// listener and tells the parent, which then starts the sender with the receiver's threadId.
// The sender writes and posts to that thread; the receiver checks the source and reads.
const { Worker, isMainThread, workerData, parentPort, postMessageToThread, threadId } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(16));
  const receiver = new Worker(__filename, { workerData: { a, role: 'receiver' } });
  receiver.once('message', () => {
    const sender = new Worker(__filename, { workerData: { a, role: 'sender', to: receiver.threadId } });
    receiver.postMessage(sender.threadId);
  });
} else {
  const { a, role, to } = workerData;
  if (role === 'sender') {
    a[0] = 7;
    a[1] = 8;
    // Stay alive until the receiver has acknowledged: a sender that ends right after
    // posting can lose the message (Node drops it with the sender's port).
    const keepAlive = setInterval(() => {}, 1000);
    postMessageToThread(to, { from: threadId }).then(() => clearInterval(keepAlive), (e) => {
      throw e;
    });
  } else {
    const keepAlive = setInterval(() => {}, 1000);
    let senderId;
    parentPort.once('message', (id) => (senderId = id));
    process.once('workerMessage', (value, source) => {
      if (value.from !== source) throw new Error(`source ${source} != ${value.from}`);
      if (senderId !== undefined && senderId !== source) throw new Error(`not from the sender`);
      if (a[0] !== 7 || a[1] !== 8) throw new Error(`a = ${a[0]} ${a[1]}`);
      clearInterval(keepAlive);
      parentPort.close();
    });
    parentPort.postMessage('listening');
  }
}
