// expect: race
// Buffer indexOf/lastIndexOf/includes with a byteOffset read from that offset up to (or,
// for lastIndexOf, down to) the match. Before creating the worker the parent puts 'q' at
// byte 12 and 0x7a at bytes 22 and 24. Then indexOf(0x7a, 16) reads bytes 16..22 and
// races with the worker's write of byte 20; includes('q', 8) reads bytes 8..12 and races
// with the write of byte 9; lastIndexOf(0x7a, 27) reads bytes 27 down to 24 and races
// with the write of byte 26. The worker's writes of bytes 2, 14 and 30 are read by no
// search.
const { Worker, isMainThread, workerData } = require('worker_threads');

if (isMainThread) {
  const sab = new SharedArrayBuffer(32);
  const buf = Buffer.from(sab);
  buf[12] = 0x71;
  buf[22] = 0x7a;
  buf[24] = 0x7a;
  new Worker(__filename, { workerData: sab });
  const seen = [];
  seen.push(buf.indexOf(0x7a, 16)); // RACE
  seen.push(buf.includes('q', 8)); // RACE
  seen.push(buf.lastIndexOf(0x7a, 27)); // RACE
  if (seen.join() !== '22,true,24') throw new Error(`found ${seen}`);
} else {
  const buf = Buffer.from(workerData);
  buf[2] = 1;
  buf[20] = 1; // RACE
  buf[9] = 1; // RACE
  buf[14] = 1;
  buf[30] = 1;
  buf[26] = 1; // RACE
}
