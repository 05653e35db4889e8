// The instrumentation cache's key hash (src/content-hash.ts): a key that ignored some code
// unit would hand a worker stale instrumented code for an edited file.
import { describe, expect, it } from 'vitest';
import { contentHash } from '../src/content-hash';

describe('contentHash', () => {
  it('is 32 hex digits and the same for the same string', () => {
    const s = 'const x = 1;\n'.repeat(100);
    expect(contentHash(s)).toMatch(/^[0-9a-f]{32}$/);
    expect(contentHash(s)).toBe(contentHash(String(s)));
  });

  it('changes with every code unit and with the length, for every tail length', () => {
    const seen = new Map<string, string>();
    for (let n = 0; n <= 24; n++) {
      const base = Array.from({ length: n }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
      const variants = [base, base + '\0', base + 'a'];
      for (let i = 0; i < n; i++) {
        for (const c of ['b', '\0', '\u{ffff}', '\u{10000}'.charAt(0)]) {
          if (base[i] !== c) variants.push(base.slice(0, i) + c + base.slice(i + 1));
        }
      }
      for (const v of variants) {
        const h = contentHash(v);
        if (seen.has(h) && seen.get(h) !== v) throw new Error(`${JSON.stringify(v)} and ${JSON.stringify(seen.get(h))} share ${h}`);
        seen.set(h, v);
      }
    }
    expect(seen.size).toBeGreaterThan(1200); // distinct strings, each with its own hash
  });

  it('gives 50000 random sources 50000 different keys', () => {
    const keys = new Set<string>();
    let x = 1;
    for (let k = 0; k < 50000; k++) {
      let s = '';
      const len = 1 + (k % 64);
      for (let i = 0; i < len; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        s += String.fromCharCode(32 + (x >>> 25));
      }
      keys.add(contentHash(`${k}:${s}`));
    }
    expect(keys.size).toBe(50000);
  });
});
