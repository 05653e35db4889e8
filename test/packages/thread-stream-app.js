// thread-stream the way pino uses it: the main thread writes log lines into a small
// SharedArrayBuffer ring and the worker drains it to its destination, with Atomics for the
// indexes (and Atomics.wait / waitAsync when the ring is full), plus flush(cb) and end().
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { once } = require('events');
const ThreadStream = require('thread-stream');

const LINES = 3000;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-thread-stream-'));
  const dest = path.join(dir, 'out.log');
  const stats = new SharedArrayBuffer(16);
  const stream = new ThreadStream({
    filename: path.join(__dirname, 'thread-stream-dest.js'),
    workerData: { dest, stats },
    bufferSize: 16 * 1024, // small: the ring fills and wraps many times
  });
  const closed = once(stream, 'close');
  let expectedBytes = 0;
  let expectedHash = 0;
  let drains = 0;
  for (let i = 0; i < LINES; i++) {
    const line = `{"level":30,"n":${i},"msg":"${'x'.repeat(i % 61)}"}`;
    expectedBytes += line.length;
    expectedHash = (expectedHash * 31 + line.length) | 0;
    if (!stream.write(`${line}\n`)) {
      drains++;
      await once(stream, 'drain');
    }
    if (i === LINES / 2) await new Promise((resolve, reject) => stream.flush((e) => (e ? reject(e) : resolve())));
  }
  stream.end();
  await closed;
  const counts = new Int32Array(stats);
  const text = fs.readFileSync(dest, 'utf8');
  fs.rmSync(dir, { recursive: true, force: true });
  const lines = text.split('\n').filter(Boolean);
  console.log(`file: ${lines.length} lines, last ${lines[lines.length - 1]}`);
  console.log(`counted in the worker: ${counts[0]} lines, ${counts[1]} bytes (expected ${expectedBytes}), hash ok: ${counts[2] === expectedHash}, partial ${counts[3]}`);
  console.log(`in order: ${lines.every((l, i) => JSON.parse(l).n === i)}, waited for drain: ${drains > 0}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
