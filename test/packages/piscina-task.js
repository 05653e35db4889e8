// Piscina task module (the pool's `filename`).
'use strict';

// Each task owns a disjoint slice [start, end) of the shared array: reads what the caller
// put there and replaces it. Returns the slice's new sum.
function fillSlice({ sab, start, end }) {
  const a = new Int32Array(sab);
  let sum = 0;
  for (let i = start; i < end; i++) {
    a[i] = a[i] * 3 + 1;
    sum += a[i];
  }
  return sum;
}

// Two of these run at once (a barrier makes sure they are in two threads at the same time),
// and both write element 0 with a plain write: a data race.
function bumpShared({ sab, barrier }) {
  const gate = new Int32Array(barrier);
  const arrived = Atomics.add(gate, 0, 1) + 1;
  if (arrived < 2) {
    if (Atomics.wait(gate, 0, arrived, 10000) === 'timed-out') throw new Error('the other task never came');
  } else {
    Atomics.notify(gate, 0);
  }
  const a = new Int32Array(sab);
  a[0] = arrived; // RACY WRITE
  return arrived;
}

module.exports = fillSlice;
module.exports.fillSlice = fillSlice;
module.exports.bumpShared = bumpShared;
