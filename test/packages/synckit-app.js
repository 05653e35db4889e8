// synckit as its README intends: createSyncFn(absolute worker path) gives a function that
// blocks (Atomics.wait) until the worker answers through a MessageChannel
// (receiveMessageOnPort). Memory handed over a SharedArrayBuffer: the caller fills the input
// block, the worker reads it and fills the output block; the caller reads that after the call
// returns. Ordered by synckit's messages, so race-free.
'use strict';
const path = require('path');
const { createSyncFn } = require('synckit');

const CALLS = 40;
const N = 64;
const sab = new SharedArrayBuffer(N * 8 + CALLS * 8);
const input = new Int32Array(sab, 0, N);
const output = new Int32Array(sab, N * 4, N);
const results = new Float64Array(sab, N * 8);

const compute = createSyncFn(path.join(__dirname, 'synckit-worker.js'));
let total = 0;
let bad = 0;
for (let call = 0; call < CALLS; call++) {
  for (let i = 0; i < N; i++) input[i] = call * i - i;
  const sum = compute('sum', sab, call, N);
  let expected = 0;
  for (let i = 0; i < N; i++) expected += call * i - i;
  if (sum !== expected) bad++;
  for (let i = 0; i < N; i++) if (output[i] !== (call * i - i) * 2 + call) bad++;
  if (results[call] !== expected / N) bad++;
  total += sum;
}
let refused = 'no error';
try {
  compute('fail', sab, 99, N);
} catch (e) {
  refused = `${e.name}: ${e.message}`;
}
console.log(`${CALLS} sync calls, total ${total}, mismatches ${bad}`);
console.log(`results[39] = ${results[39]}`);
console.log(`failing call threw ${refused}`);
