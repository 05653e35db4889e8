// expect: norace
// buf.fill, buf.equals, buf.compare and Buffer.compare on Buffer views of one
// SharedArrayBuffer: the worker fills and writes its views, the parent compares them only
// in the worker's 'exit' handler (exit is an edge) and checks the answers.
const { Worker, isMainThread, workerData } = require('worker_threads');

const views = (sab) => [0, 8, 16, 24].map((at) => Buffer.from(sab, at, 8));

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  new Worker(__filename, { workerData: sab }).on('exit', () => {
    const [a, b, c, d] = views(sab);
    const zeros = Buffer.alloc(8);
    const check = (name, got, want) => {
      if (got !== want) throw new Error(`${name}: got ${got}, want ${want}`);
    };
    check('a.equals', a.equals(Buffer.from([0, 0, 0x41, 0x41, 0, 0, 0, 0])), true);
    check('b.compare first half', b.compare(zeros, 0, 4, 0, 4), 0);
    check('Buffer.compare', Buffer.compare(b, zeros), 1);
    check('zeros.compare(c, 2, 6)', zeros.compare(c, 2, 6), -1);
    check('zeros.equals(d)', zeros.equals(d), false);
    check('b fill', b.toString('latin1', 4), 'xyxy');
  });
} else {
  const [a, b, c, d] = views(workerData);
  a.fill(0x41, 2, 4);
  b.fill('xy', 4);
  c[3] = 9;
  d.writeUInt8(1, 7);
}
