// The thread-stream destination (the worker.js interface of its README): an async function
// that returns a stream. It runs in the thread-stream worker. Besides writing every line to
// the file, it counts lines and bytes in a SharedArrayBuffer with plain writes; the caller
// reads the counts only after the stream's 'close'.
'use strict';
const fs = require('fs');
const { Writable } = require('stream');

module.exports = async function run(opts) {
  const stats = new Int32Array(opts.stats);
  const fd = fs.openSync(opts.dest, 'w');
  let pending = '';
  return new Writable({
    autoDestroy: true,
    write(chunk, _encoding, cb) {
      const text = pending + chunk.toString();
      const lines = text.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        stats[0] += 1;
        stats[1] += line.length;
        stats[2] = (stats[2] * 31 + line.length) | 0;
      }
      fs.writeSync(fd, chunk.toString());
      cb();
    },
    final(cb) {
      stats[3] = pending.length;
      fs.closeSync(fd);
      cb();
    },
  });
};
