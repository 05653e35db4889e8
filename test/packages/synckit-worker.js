// The synckit worker: runAsWorker(async fn). Each call reads the caller's input block from the
// shared buffer, does some asynchronous work, and writes its output block and a result slot
// with plain writes before it answers.
'use strict';
const { runAsWorker } = require('synckit');

runAsWorker(async (op, sab, call, n) => {
  if (op === 'fail') throw new RangeError(`call ${call} refused`);
  const input = new Int32Array(sab, 0, n);
  const output = new Int32Array(sab, n * 4, n);
  const results = new Float64Array(sab, n * 8);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += input[i];
  await new Promise((resolve) => setTimeout(resolve, call % 3));
  for (let i = 0; i < n; i++) output[i] = input[i] * 2 + call;
  results[call] = sum / n;
  if (call % 10 === 0) console.log(`worker: call ${call} done`);
  return sum;
});
