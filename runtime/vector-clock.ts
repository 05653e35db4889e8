// Vector clocks as rows of Uint32 in shared memory (one row of MAX_SLOTS per thread slot or
// sync variable).
//
// Invariants:
// - A thread's own row is written only by that thread (and by its creator before it starts).
// - Entry [s] of any clock never exceeds the current epoch of slot s's thread.
// - Joins run over [0, slotsUsed) only: slots above the high-water mark are all zero.
// - Everything slot s did up to epoch e happens-before a clock's owner iff clock[s] >= e
//   (the race check tests this inline).
export type VectorClock = Uint32Array;

/** dst[i] = max(dst[i], src[i]) for i < n. */
export function join(dst: VectorClock, src: VectorClock, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = src[i];
    if (v > dst[i]) dst[i] = v;
  }
}

/** dst[i] = src[i] for i < n. */
export function assign(dst: VectorClock, src: VectorClock, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = src[i];
}
