// A 128-bit content hash for the instrumentation cache's keys: MurmurHash3's x86_128
// construction over a string's UTF-16 code units, two to a 32-bit word.
//
// Why not node:crypto: every worker computes a key before its first line runs, and loading
// crypto costs a worker 4-6 ms (Node 20 loads some fifteen internal modules with it). The
// keys need no resistance to an attacker, who could write the cache directory anyway; an
// accidental collision among 2^128 values is not a concern.

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Word w of the string: code units 2w and 2w+1 (0 past the end). */
function wordAt(s: string, w: number): number {
  const i = 2 * w;
  return (s.charCodeAt(i) | 0) | ((i + 1 < s.length ? s.charCodeAt(i + 1) : 0) << 16);
}

/** 32 hex digits that depend on every code unit of `s` and on its length. */
export function contentHash(s: string): string {
  const words = Math.ceil(s.length / 2);
  const blocks = words >>> 2;
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let h4 = 0;
  for (let b = 0; b < blocks; b++) {
    let k1 = wordAt(s, 4 * b);
    let k2 = wordAt(s, 4 * b + 1);
    let k3 = wordAt(s, 4 * b + 2);
    let k4 = wordAt(s, 4 * b + 3);
    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2); h1 ^= k1;
    h1 = rotl(h1, 19) + h2 | 0; h1 = Math.imul(h1, 5) + 0x561ccd1b | 0;
    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3); h2 ^= k2;
    h2 = rotl(h2, 17) + h3 | 0; h2 = Math.imul(h2, 5) + 0x0bcaa747 | 0;
    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4); h3 ^= k3;
    h3 = rotl(h3, 15) + h4 | 0; h3 = Math.imul(h3, 5) + 0x96cd1c35 | 0;
    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1); h4 ^= k4;
    h4 = rotl(h4, 13) + h1 | 0; h4 = Math.imul(h4, 5) + 0x32ac3b17 | 0;
  }
  // The tail: the last 1-3 words, each in its own lane.
  const tail = 4 * blocks;
  if (words > tail + 2) h3 ^= Math.imul(rotl(Math.imul(wordAt(s, tail + 2), C3), 17), C4);
  if (words > tail + 1) h2 ^= Math.imul(rotl(Math.imul(wordAt(s, tail + 1), C2), 16), C3);
  if (words > tail) h1 ^= Math.imul(rotl(Math.imul(wordAt(s, tail), C1), 15), C2);
  // The length in code units, not words: "a" and "a\0" must differ.
  h1 ^= s.length; h2 ^= s.length; h3 ^= s.length; h4 ^= s.length;
  h1 = h1 + h2 + h3 + h4 | 0;
  h2 = h2 + h1 | 0; h3 = h3 + h1 | 0; h4 = h4 + h1 | 0;
  h1 = fmix(h1); h2 = fmix(h2); h3 = fmix(h3); h4 = fmix(h4);
  h1 = h1 + h2 + h3 + h4 | 0;
  h2 = h2 + h1 | 0; h3 = h3 + h1 | 0; h4 = h4 + h1 | 0;
  return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}
