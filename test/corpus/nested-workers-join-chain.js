// expect: norace
// Nested workers: main -> A -> B. Creation orders main's write before A and A's before B;
// B's exit orders B's write before A's 'exit' handler, and A's exit (which comes after that)
// orders everything before main's 'exit' handler, including the grandchild's write.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const a = new Int32Array(new SharedArrayBuffer(32));
  a[0] = 1;
  new Worker(__filename, { workerData: { a, depth: 1 } }).on('exit', () => {
    if (a[4] !== 3 || a[6] !== 4) throw new Error(`main saw ${a[4]} ${a[6]}`);
  });
} else if (workerData.depth === 1) {
  const { a } = workerData;
  if (a[0] !== 1) throw new Error(`A saw a[0] = ${a[0]}`);
  a[2] = 2;
  new Worker(__filename, { workerData: { a, depth: 2 } }).on('exit', () => {
    if (a[4] !== 3) throw new Error(`A saw a[4] = ${a[4]}`);
    a[6] = 4;
  });
} else {
  const { a } = workerData;
  if (a[0] !== 1 || a[2] !== 2) throw new Error(`B saw ${a[0]} ${a[2]}`);
  a[4] = 3;
}
