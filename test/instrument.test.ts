// The instrumenter keeps every program's meaning: each snippet runs once as written and once
// instrumented (with the runtime live), and both must return the same value and produce the
// same log of side effects (getters, setters, proxy traps, key conversions), in the same order.
import { beforeAll, describe, expect, it } from 'vitest';
import * as babel from '@babel/core';
import { instrument, needsInstrumenting } from '../instrument';
import jsracePlugin from '../instrument/plugin';
import { shouldInstrument } from '../src/require-hook';
import * as path from 'path';
import { ROOT } from './helpers';
import { start } from '../runtime';
import { defaultOptions } from '../runtime/options';

beforeAll(() => {
  start(defaultOptions());
});

type Outcome = { value?: string; error?: string; log: string[] };

function show(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<unknown>).map(String) : x)) ?? String(v);
}

type Snippet = (log: string[], shared: () => Int32Array) => unknown;
const shared = () => new Int32Array(new SharedArrayBuffer(16));

function load(body: string, strict: boolean, instrumented: boolean): Snippet {
  const src = `${strict ? '"use strict";\n' : ''}module.exports = function snippet(log, shared) {\n${body}\n};`;
  const code = instrumented ? instrument(src, `/virtual/snippet-${strict ? 's' : 'l'}.js`).code : src;
  const mod = { exports: undefined as unknown as Snippet };
  new Function('module', code)(mod);
  return mod.exports;
}

/** The outcome of a snippet that threw `e`: its kind and message, and the log by then. */
function thrown(e: unknown, log: string[]): Outcome {
  return { error: `${(e as Error).constructor.name}: ${(e as Error).message}`, log };
}

function run(body: string, strict: boolean, instrumented: boolean): Outcome {
  const snippet = load(body, strict, instrumented);
  const log: string[] = [];
  try {
    return { value: show(snippet(log, shared)), log };
  } catch (e) {
    return thrown(e, log);
  }
}

/** The thread's depth of call sites (runtime/history.ts): every call and throw must give it back. */
const depth = () => (globalThis as unknown as { __jsrace__: { stack: Int32Array } }).__jsrace__.stack[0];

function same(body: string): void {
  for (const strict of [false, true]) {
    const plain = run(body, strict, false);
    const before = depth();
    const inst = run(body, strict, true);
    expect(inst, `${strict ? 'strict' : 'sloppy'}: ${body}`).toEqual(plain);
    expect(depth(), `depth after ${strict ? 'strict' : 'sloppy'}: ${body}`).toBe(before);
  }
}

/** same() for a body that awaits: the outcome is its settled promise's, and the log by then. */
async function sameAsync(body: string): Promise<void> {
  const settle = async (strict: boolean, instrumented: boolean): Promise<Outcome> => {
    const snippet = load(`return (async () => {\n${body}\n})();`, strict, instrumented);
    const log: string[] = [];
    try {
      return { value: show(await snippet(log, shared)), log };
    } catch (e) {
      return thrown(e, log);
    }
  };
  for (const strict of [false, true]) {
    const plain = await settle(strict, false);
    const inst = await settle(strict, true);
    expect(inst, `${strict ? 'strict' : 'sloppy'}: ${body}`).toEqual(plain);
    // Every pause hands the stack back: a turn that ends leaves the thread at depth 0.
    expect(depth(), `depth after ${strict ? 'strict' : 'sloppy'}: ${body}`).toBe(0);
  }
}

const tracer = `
  const key = (k) => ({ toString() { log.push('key ' + k); return String(k); } });
  const obj = new Proxy({ 0: 1, 1: 2, x: 3, n: 5n, s: 'a' }, {
    get(t, k) { log.push('get ' + String(k)); return t[k]; },
    set(t, k, v) { log.push('set ' + String(k) + '=' + String(v)); t[k] = v; return true; },
  });
  const val = (v) => { log.push('val ' + String(v)); return v; };
`;

// The tracer, and f, which passes its argument through and throws for 'boom'.
const throwing = `${tracer} const f = (x) => { if (x === 'boom') throw new Error('boom'); return x; };`;

describe('instrumented code computes what the original computes', () => {
  it('reads', () => {
    same('const a = [1, 2, 3]; return a[1] + a[5];');
    same('const t = new Float64Array([1.5, 2.5]); return [t[0], t[1], t[2], t[-1], t[0.5]];');
    same('const s = shared(); s[1] = 7; return [s[1], s[4], s["1"], s["x"]];');
    same(`${tracer} return [obj[key(0)], obj['x'], obj[1]];`);
    same('return "hello"[1] + [..."ab"][0];');
    same('function f() { return arguments[1]; } return f(1, 2, 3);');
    same('const o = { get [0]() { log.push("getter"); return 9; } }; return o[0];');
    same('let u; return (() => u[0])();');
    same('return null[0];');
  });

  it('writes and assignments', () => {
    same(`${tracer} obj[key(0)] = val(7); return obj[0];`);
    same('const s = shared(); const r = (s[0] = 3.9); return [r, s[0]];');
    same('const a = Object.freeze([1]); a[0] = 2; return a[0];');
    same('const s = "abc"; s[0] = "x"; return s;');
    same('const a = []; a[a.length] = 1; a[a.length] = 2; return a;');
    same('const a = [0, 0]; let i = 0; a[i++] = i; return [a, i];');
    // The tag that lets a site skip a non-shared view is invisible to ordinary reflection.
    same('const f = new Float32Array(2); f[0] = 1; f[1] += f[0]; return [Object.keys(f), JSON.stringify(f), Object.getOwnPropertyNames(f), Object.entries(f), { ...f }];');
  });

  it('compound and logical assignments', () => {
    for (const op of ['+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=']) {
      same(`${tracer} const r = (obj[key(1)] ${op} val(3)); return [r, obj[1]];`);
      same(`const s = shared(); s[2] = 9; const r = (s[2] ${op} 2); return [r, s[2]];`);
    }
    for (const op of ['&&=', '||=', '??=']) {
      same(`${tracer} const r = (obj[key(0)] ${op} val(4)); return [r, obj[0]];`);
      same(`const a = [0, null, 1]; return [a[0] ${op} 5, a[1] ${op} 6, a[2] ${op} 7, a];`);
    }
    same(`const a = [1]; a[0] += (a[0] += 10); return a;`);
    same(`const a = [1, 2]; a[a[0]] += a[1]; return a;`);
    same(`const n = [5n]; n[0] **= 2n; n[0] += 1n; return n;`);
    same(`const a = ["x"]; a[0] += 1; return a;`);
    same(`const s = shared(); let i = 3; s[1] += i & 7; s[1] -= i++; s[2] ^= i > 3 ? i : -i; return [s[1], s[2], i];`);
    same(`${tracer} let v = 2; v = val(obj); const r = (obj[key(1)] += v); return [r, obj[1]];`);
  });

  it('updates', () => {
    same(`${tracer} return [obj[key(0)]++, ++obj[key(0)], obj[key(1)]--, --obj[key(1)], obj[0], obj[1]];`);
    same(`${tracer} return [obj['n']++, obj['n'], --obj['s'], obj['s']];`);
    same('const s = shared(); s[0] = 2147483647; return [s[0]++, s[0], --s[1], s[1]];');
    same('const o = { 0: { valueOf() { log.push("valueOf"); return 1; } } }; return [o[0]++, o[0]];');
  });

  it('destructuring and loop targets', () => {
    same(`${tracer} [obj[key(0)], obj[key(1)]] = [val(8), val(9)]; return [obj[0], obj[1]];`);
    same(`${tracer} ({ a: obj[key(0)], b: obj[key(1)] = val(5) } = { a: val(1) }); return [obj[0], obj[1]];`);
    same(`const s = shared(); [s[0], ...s.x] = [1, 2]; return s;`);
    same(`const s = shared(); const r = [s[0], [s[1]]] = [4, [5]]; return [s, r];`);
    same(`const s = shared(); for (s[0] of [1, 2, 3]) log.push(s[0]); return s[0];`);
    same(`const a = []; for (a[0] in { p: 1, q: 2 }) log.push(a[0]); return a;`);
    same(`const a = [0, 0]; let j = 0; [a[j++], a[j++]] = [7, 8]; return [a, j];`);
  });

  it('optional chains', () => {
    same('const a = null; return [a?.[0], a?.[0].b, a?.[0]()];');
    same('const a = [{ b: 1 }]; return [a?.[0], a?.[0].b, a?.[1]?.b];');
    same('const o = { a: [7] }; const n = { a: null }; return [o?.a[0], n.a?.[0], o.a?.[0]];');
    same(`${tracer} return [obj?.[key(0)], obj?.x];`);
    same('const f = [function () { return this.length; }]; return [f?.[0](), f[0]?.()];');
    // A delete through a lowered chain still deletes (and fails on a typed array's element).
    same('const q = { a: [1, 2] }; const n = { a: null }; const r = [delete q.a?.[0], delete n.a?.[0]]; return [r, 0 in q.a, q.a.length];');
    same('const q = { t: shared() }; return delete q.t?.[0];');
  });

  it('calls keep this, tagged templates, delete, super', () => {
    same('const a = [function () { return this === a; }]; return a[0]();');
    same(`const o = { f(x) { return [this === o, x]; } }; return o['f'](1);`);
    same('const a = [function (s) { return this === a && s[0]; }]; return a[0]`tag`;');
    same('const a = [1, 2]; delete a[0]; return [a, 0 in a];');
    same('class A { m() { return "A"; } } class B extends A { m() { return super["m"]() + "B"; } } return new B().m();');
    same('const s = shared(); return [typeof s[0], typeof s[9]];');
  });

  it('parameters tested at entry: proxies, shared and non-shared views, generators', () => {
    same(`${tracer} function at(p, i) { return p[i] + p[1]; } return [at(obj, 0), at(new Int32Array([4, 5]), 0), log];`);
    same('function put(p, i, v) { p[i] = v; p[i] += 1; p[i]++; return p[i]; } return [put(shared(), 1, 7), put([1, 2], 0, 3), put(new Float64Array(2), 1, 0.5)];');
    same('function* each(p) { for (let i = 0; i < 2; i++) yield p[i]; } const s = shared(); s[1] = 3; return [...each(s), ...each("ab")];');
    same('const f = (p) => p[0] * 2; return [f([3]), f(shared()), f(undefined === 1 ? 0 : new Uint8Array([9]))];');
    same('function f(p) { return p[0]; } try { return f(null); } catch (e) { return String(e); }');
  });

  it('function declarations keep their scope when the body gets a frame', () => {
    same('var g = 1; function g() { return 2; } log.push(String(g)); return typeof g;');
    same('function g() { return 1; } function g() { return 2; } return [g(), String(log.push("x"))];');
    same('const f = () => { var h; function h() { return 3; } return [typeof h, h()]; }; return f();');
    same('async function a() {} async function a() { return 1; } return [typeof a, String(log.push(typeof a))];');
    same('function k() { return eval("var q = 1; q"); function q() {} } return k();');
  });

  it("a class's own methods named like a typed array's, and a typed array's subclass", () => {
    same('class M { constructor(s) { this.s = s; } find(k) { return this.s[k]; } set(k, v) { this.s[k] = v; return this; } at(k) { return this.set(k, k + 1).find(k); } } return [new M(shared()).at(2), new M([5, 6]).at(0)];');
    same('class C extends Int32Array { reset() { return this.fill(3).find((v) => v === 3); } } const c = new C(new SharedArrayBuffer(8)); return [c.reset(), Array.from(c)];');
  });

  it('callbacks passed to intercepted methods: comparators, mappers over pairs and shared views', () => {
    same('return [[1, 5], [2, 3], [3, 9]].sort((a, b) => b[1] - a[1]);');
    same('const s = shared(); s[0] = 4; s[1] = 6; return [[s, s], [[1, 2], [3, 4]]].map((pair) => pair.map((p) => p[0] + p[1]));');
    same('const s = shared(); return [1, 2, 3].map(function (v, i, arr) { s[i] = arr[i] * v; return s[i]; }).concat(Array.from(s));');
    same('return new Int32Array([3, 1, 2]).sort((a, b) => a - b).map((v, i, t) => t[i] + v);');
  });

  it('consts tested after their declaration: shared and not, destructured, redeclared per iteration', () => {
    same('const a = shared(); const { b } = { b: new Int32Array(4) }; for (let i = 0; i < 4; i++) { a[i] = i; b[i] = a[i] * 2; } return [a, b];');
    same('const out = []; for (let i = 0; i < 3; i++) { const v = i % 2 ? shared() : [1, 2]; v[0] += i; out.push(v[0]); } return out;');
    same('let r; try { r = f(); } catch (e) { r = e.constructor.name; } function f() { return a[0]; } const a = shared(); return [r, f()];');
    same('const p = new Proxy([7], { get(t, k) { log.push(String(k)); return t[k]; } }); let s = 0; for (let i = 0; i < 2; i++) s += p[0]; return s;');
  });

  it('loops in two versions: every kind, with break, continue, labels and nesting', () => {
    const body = `
      function sum(p, n) { let s = 0; for (let i = 0; i < n; i++) { if (i === 5) continue; if (p[i] > 100) break; s += p[i]; } return s; }
      function scale(p, n) { let i = 0; while (i < n) { p[i] *= 2; i++; } do { p[0]++; } while (false); return p[0]; }
      function grid(p, w) { let s = 0; outer: for (let y = 0; y < 2; y++) { for (let x = 0; x < w; x++) { if (p[y * w + x] === 3) continue outer; s += p[y * w + x]; } } return s; }
      const local = new Int32Array([1, 2, 3, 4, 5, 6, 7, 8]);
      const s = shared(); s[0] = 1; s[1] = 2; s[2] = 3;
      return [sum(local, 8), sum(s, 4), sum([1, 200, 3], 3), scale(local, 4), scale(s, 2), grid(local, 4), grid(s, 2), Array.from(local), Array.from(s)];`;
    same(body);
  });

  it('calls in every position: arguments that call, chained calls with none, spreads, new, tags, defaults, class parts', () => {
    const calls = `${tracer} const f = (...a) => { log.push('f ' + a.length); return a.length; };
      const m = { g(...a) { log.push('g ' + a.length); return this; }, h() { return f; } };`;
    same(`${calls} return [f(val(1), 2), f(1, val(2)), f(val(1), val(2)), m.g().g(val(1)).g(), m.h()(), m.h()(val(3))];`);
    same(`${calls} const xs = [1, 2]; return [f(...xs), f(...xs, val(3)), f(val(0), ...xs), m.g(...[]).g(), f(...m.h()(1) ? xs : [])];`);
    same(`${calls} class C { constructor(...a) { this.n = f(...a); } } return [new C(val(1), 2).n, new C().n, new (m.h()().constructor)('f(1)')];`);
    same(`${calls} const tag = (s, ...v) => f(...v); return [tag\`a\${val(1)}b\${f()}\`, tag\`x\`, m?.g(val(1)) === m, m?.nope?.(val(2))];`);
    same(`${calls} function d(a = f(val(1)), b = m.g(a).h()(a)) { return [a, b]; } return [d(), d(5)];`);
    same(`${calls} class K { static [f(val(1)) + 'k'] = f(2); x = f(val(3), 4); ['m' + f()]() { return f(5); } static { log.push('static ' + f()); } }
      return [new K().x, new K().m0(), K['1k']];`);
  });

  it('throws that skip calls give the depth back: caught, rethrown, escaping, in generators', () => {
    const calls = `${throwing}
      const g = (x) => f(f(x));`;
    same(`${calls} try { g('boom'); } catch (e) { log.push(f(e.message)); } finally { log.push(f('fin')); } return g(1);`);
    same(`${calls} const r = []; for (let i = 0; i < 3; i++) { try { r.push(g(i === 1 ? 'boom' : i)); } catch { r.push(f('c')); } } return r;`);
    same(`${calls} function* gen() { try { yield g(1); yield g('boom'); } finally { log.push(f('closed')); } }
      const it = gen(); const a = [it.next().value]; try { it.next(); } catch (e) { a.push(e.message); } a.push(g(2)); return a;`);
    same(`${calls} function* gen() { yield f(1); yield f(2); yield f(3); } const a = []; for (const v of gen()) { a.push(g(v)); if (v === 2) break; } return a;`);
    same(`${calls} return g('boom');`);
  });

  it('for await loops: every body form, break, continue, labels, a throwing iterator', async () => {
    const calls = `${throwing}
      async function* gen(n) { for (let i = 0; i < n; i++) { await null; yield f(i); } }`;
    await sameAsync(`${calls} const a = []; for await (const v of gen(3)) a.push(f(v)); a.push(f('after')); return a;`);
    await sameAsync(`${calls} const a = []; outer: for await (const v of gen(4)) { for (const w of [1, 2]) { if (v === 1) continue outer; a.push(f(v * w)); } if (v === 2) break outer; } return [a, f('end')];`);
    await sameAsync(`${calls} const a = []; for await (const v of [f(1), Promise.resolve(2)]) { const d = f(v); a.push(d); } return a;`);
    await sameAsync(`${calls} async function* bad() { yield 1; f('boom'); } const a = []; try { for await (const v of bad()) a.push(f(v)); } catch (e) { a.push(f(e.message)); } return a;`);
  });

  it('a catch or finally that an awaited rejection reaches goes on from a microtask', async () => {
    // Called from inside another call, h starts at depth 1, and the snippet waits on a timer
    // rather than an await of its own (whose resumption would reset the depth): a handler
    // that restored depth 1 after the rejection would leave the thread there.
    const calls = `${throwing}
      const call = (fn) => fn(); const later = () => new Promise((resolve) => setTimeout(resolve, 5));
      async function* gen(n) { await null; for (let i = 0; i < n; i++) yield f(i); f('boom'); }`;
    await sameAsync(`${calls} async function h() { try { await Promise.reject(new Error('no')); } catch (e) { log.push(f(e.message)); } } call(h); return later();`);
    await sameAsync(`${calls} async function h() { try { await f(Promise.reject(new Error('no'))); } finally { log.push(f('closed')); } } call(h).catch((e) => log.push(e.message)); return later();`);
    await sameAsync(`${calls} async function h() { const a = []; try { for await (const v of gen(0)) a.push(f(v)); } catch (e) { a.push(f('caught ' + e.message)); } log.push(String(a)); } call(h); return later();`);
    // A throw before the first await reaches the catch synchronously, at h's own depth.
    await sameAsync(`${calls} async function h() { try { f('boom'); await null; } catch (e) { log.push(f('caught ' + e.message)); } await null; log.push(f(2)); } call(h); return later();`);
  });

  it('errors surface unchanged', () => {
    same('const o = { get [0]() { throw new RangeError("boom"); } }; return o[0];');
    same('"use strict"; const a = Object.freeze([1]); a[0] = 2; return a[0];');
    same('const k = { toString() { throw new TypeError("bad key"); } }; const a = []; a[k] += 1; return a;');
  });

  it('Atomics calls', () => {
    same('const s = shared(); Atomics.store(s, 0, 5); return [Atomics.add(s, 0, 2), Atomics.load(s, 0), Atomics.compareExchange(s, 0, 7, 1), s[0]];');
    same('const s = shared(); return [Atomics.exchange(s, 1, 4), Atomics.sub(s, 1, 1), Atomics.and(s, 1, 6), Atomics.or(s, 1, 8), Atomics.xor(s, 1, 1), Atomics.wait(s, 0, 1), Atomics.notify(s, 0)];');
    same('const s = new BigInt64Array(new SharedArrayBuffer(8)); return [Atomics.store(s, 0, 2n ** 70n), Atomics.add(s, 0, 1n), s[0]];');
    same('const s = shared(); return Atomics.store(s, { valueOf() { log.push("index"); return 1; } }, { valueOf() { log.push("value"); return 9; } });');
    same('const s = shared(); return Atomics.load(s, 99);');
    same('return Atomics.store(new Float64Array(2), 0, 1);');
    same('const a = new Int32Array(2); return [Atomics.add(a, 0, 5), a[0]];');
  });

  it('Atomics calls at one site over many indices and views (the per-site cache)', () => {
    // One site sees each index kind in turn: cached, another element, converted, out of range.
    same('const s = shared(); const r = []; for (const i of [0, 1, 1, 1.5, -0, NaN, "1", 3, 4, -1, 0.5, Infinity, 2]) { try { r.push(Atomics.add(s, i, 1)); } catch (e) { r.push(e.name); } } return [r, s];');
    same('const s = shared(); const t = new Int32Array(new SharedArrayBuffer(8)); const r = []; for (let k = 0; k < 8; k++) { const v = k % 2 ? s : t; r.push(Atomics.exchange(v, k % 3, k), Atomics.load(v, k % 3)); } return [r, s, t];');
    // The index conversion calls Atomics on another buffer: the outer call keeps its element.
    same('const s = shared(); const t = shared(); Atomics.store(t, 3, 2); const i = { valueOf() { return Atomics.load(t, 3) - 1; } }; return [Atomics.add(s, i, 5), Atomics.load(s, i), Atomics.compareExchange(s, i, 5, 6), s, t];');
    // No view at all, at more sites than the cache has entries: some entries are still unused.
    const noView = 'try { Atomics.load(undefined, 0); } catch (e) { r.push(e.name); }\n';
    same('const r = [];\n' + noView.repeat(300) + 'return r;');
  });

  it('Atomics calls that do not reach the wrapper: a spy, a replaced namespace, a deleted method', () => {
    // A spy sees its own this and exactly the arguments given; the wrapper it calls still works.
    same('const s = shared(); const orig = Atomics.load; const seen = []; Atomics.load = function (...a) { seen.push(this === Atomics, a.length); return orig.apply(this, a); }; try { Atomics.store(s, 1, 4); return [Atomics.load(s, 1), Atomics.load(s), seen]; } finally { Atomics.load = orig; }');
    same('const s = shared(); const orig = Atomics.compareExchange; Atomics.compareExchange = (...a) => ["spy", a.length]; try { return [Atomics.compareExchange(s, 0, 0), Atomics.compareExchange(s, 0, 0, 1, 2)]; } finally { Atomics.compareExchange = orig; }');
    same('const saved = Atomics.notify; delete Atomics.notify; try { return Atomics.notify(shared(), 0); } finally { Atomics.notify = saved; }');
    same('const saved = Atomics.add; Atomics.add = 5; try { return Atomics.add(shared(), 0, 1); } finally { Atomics.add = saved; }');
    same('const real = Atomics; globalThis.Atomics = { store(v, i, x) { log.push(String(this === globalThis.Atomics)); return [i, x]; } }; try { return Atomics.store(shared(), 1, 2); } finally { globalThis.Atomics = real; }');
    // The namespace, the method and each argument are read once, in the call's order.
    same(`${tracer} const real = Atomics; const s = shared(); Object.defineProperty(globalThis, 'Atomics', { configurable: true, get() { log.push('ns'); return real; } }); try { return Atomics.add(val(s), val(1), val(3)); } finally { Object.defineProperty(globalThis, 'Atomics', { value: real, writable: true, configurable: true, enumerable: false }); }`);
  });
});

describe('instrumented output', () => {
  const transform = (code: string, plugins: babel.PluginItem[]): string =>
    babel.transformSync(code, { filename: '/virtual/once.js', babelrc: false, configFile: false, plugins })!.code!;

  it('rewrites each node once: a for await\'s iterable is wrapped once, and every site made is used', () => {
    // The call around the async arrow used to send its whole body through the visitors again,
    // which wrapped the for await's already rewritten iterable a second time.
    const forAwait = '(async () => { for await (const _ of ticks()); })();';
    expect(transform(forAwait, [jsracePlugin]).match(/_jsrace\.at\(/g)).toHaveLength(1);
    // With another plugin in the pass Babel still visits the loop twice; it is rewritten once.
    expect(transform(forAwait, [jsracePlugin, () => ({ visitor: {} })]).match(/_jsrace\.at\(/g)).toHaveLength(1);
    // With history off the slice call is not marked as rewritten, and a second visit made it a site nothing uses.
    const out = transform('const s = i32.slice(0, 1)[0];', [[jsracePlugin, { history: false }]]);
    const count = Number(out.match(/registerFile\(".*", (\d+)\)/)![1]);
    const used = new Set([...out.matchAll(/_jsraceSite \+ (\d+)/g)].map((m) => Number(m[1])));
    expect(used.size).toBe(count);
  });

  it('records an optional call passed to an optional call, and no inner link of a chain', () => {
    const pushes = (src: string) => (transform(src, [jsracePlugin]).match(/_jsraceStack\[_jsraceDepth \+ 2\] = /g) ?? []).length;
    expect(pushes('function g() { f?.(o?.m?.(1), 2); }')).toBe(2);
    expect(pushes('function g() { f?.(o?.m?.(1)); }')).toBe(2);
    expect(pushes('function g() { return a?.b().c; }')).toBe(0); // a call inside a chain keeps the chain's short-circuit
    same('const o = { m: (x) => x + 1 }; const f = (a, b) => [a, b]; const n = null; return [f?.(o?.m?.(1), 2), f?.(n?.m?.(1)), n?.(o.m(1)), n?.m().x];');
  });

  it('lowers and checks an optional chain under a delete in a parameter default', () => {
    // The chain is lowered in the delete's place, inside an arrow the transform adds there.
    const out = transform('function d(x = delete o.a?.b[j].foo) { return x; }', [jsracePlugin]);
    expect(out).not.toContain('?.');
    expect(out).toMatch(/_jsrace\.element\(_o, _k, 256, /);
  });

  it('tests no parameter at entry that the optional-chaining transform made and assigns', () => {
    const out = transform('function g(o, j) { return (() => o.a?.[j])(); }', [[jsracePlugin, { history: false }]]);
    expect(out).not.toContain('MayBeShared');
    expect(out).toMatch(/_jsraceIsView\(_o\$a\) && _o\$a\[_jsraceUnshared\] !== true && _jsrace\.element\(_o\$a, j, 256, /);
  });

  it('lets a later plugin in the same pass see every node it rewrote', () => {
    const source = 'function a(x) { return f(f(x), () => f(x)); }\nf(a(1));';
    const callsOfF = (plugins: (seen: Set<object>) => babel.PluginItem[]): number => {
      const seen = new Set<object>();
      transform(source, plugins(seen));
      return seen.size;
    };
    const counter = (seen: Set<object>): babel.PluginItem => () => ({
      visitor: { CallExpression: { exit(p: babel.NodePath<babel.types.CallExpression>) { if (babel.types.isIdentifier(p.node.callee, { name: 'f' })) seen.add(p.node); } } },
    });
    expect(callsOfF((seen) => [counter(seen)])).toBe(4);
    expect(callsOfF((seen) => [jsracePlugin, counter(seen)])).toBe(4);
  });

  it('keeps line numbers and marks the file', () => {
    const src = 'const a = [1];\n\nfunction f() {\n  return a[0]\n    + a[0];\n}\nmodule.exports = f;\n';
    const out = instrument(src, '/virtual/lines.js').code;
    expect(out.split('\n').findIndex((l) => l.includes('function f'))).toBe(2);
    expect(out).toContain('jsrace:instrumented');
  });

  it('names each site with its line, column and function', () => {
    const out = instrument('function put(t, i) {\n  t[i] = 1;\n}\n', '/virtual/sites.js').code;
    const json = JSON.parse(JSON.parse(out.match(/registerFile\(("(?:[^"\\]|\\.)*")/)![1]));
    expect(json).toEqual({ file: '/virtual/sites.js', sites: [[2, 3, 0]], names: ['put'] });
  });

  it('gives Atomics calls a site but no call record, and leaves a local named Atomics alone', () => {
    const out = instrument('function f(a) {\n  return Atomics.add(a, 0, 1);\n}\nfunction g(Atomics) { return Atomics.add(); }\n', '/virtual/atomics.js').code;
    // Straight to the operation with its site, the method tested against the wrapper first.
    expect(out).toMatch(/return _jsrace\.atomicCalls\.add\(_jsraceSite \+ 0, 3, (_ns\d*) = Atomics, \1\.add, a, 0, 1\);/);
    expect(out).toContain('return Atomics.add();');
    expect(out).not.toMatch(/\+ 2\] = _jsraceSite/); // no call site goes on the stack
  });

  it('records calls in the stack of call sites in place, after whatever the call evaluates first', () => {
    const out = instrument([
      'function leaf(t) { return t[0]; }',
      'function f(t, x) { g(a(), x); g(x, a()); a().m(); return g(x); }',
    ].join('\n'), '/virtual/calls.js').code;
    const [leaf, f] = out.split(/(?=\bfunction )/).slice(1);
    const push = (site: string) => `_jsraceStack\\[_jsraceDepth \\+ 2\\] = _jsraceSite \\+ ${site}, _jsraceStack\\[0\\] = _jsraceDepth \\+ 1, _jsraceStack\\[1\\] > _jsraceDepth && \\(_jsraceStack\\[1\\] = _jsraceDepth\\)`;
    expect(leaf).not.toContain('_jsraceStack'); // calls nothing: no frame
    expect(f).toMatch(/const _jsraceDepth = _jsraceStack\[0\];\s*try \{/);
    expect(f).toMatch(/\} finally \{\s*_jsraceStack\[0\] = _jsraceDepth;\s*\}/);
    expect(f).toMatch(new RegExp(`g\\(\\(${push('\\d+')}, _jsraceValue = a\\(\\), _jsraceStack\\[0\\] = _jsraceDepth, _jsraceValue\\), \\(${push('\\d+')}, x\\)\\)`));
    expect(f).toMatch(new RegExp(`g\\(x, \\(_jsraceValue = \\(.*?\\), ${push('\\d+')}, _jsraceValue\\)\\)`));
    expect(f).toMatch(new RegExp(`\\)\\.m\\(\\.\\.\\.\\(${push('\\d+')}, _jsrace\\.noArgs\\)\\)`));
    expect(f).toMatch(new RegExp(`return ${push('\\d+')}, _jsraceValue = g\\(x\\), _jsraceStack\\[0\\] = _jsraceDepth, _jsraceValue;`));
  });

  it("calls a class's own method on `this` without a site, whatever its name; a typed array's methods keep one", () => {
    const out = instrument([
      'class Own { find(k) { return k; } has(k) { return this.find(k) + (() => this.find(k))(); } }',
      'class Sub extends Int32Array { reset() { return this.fill(0); } }',
      'class Inherits { m() { return this.find(1); } }',
      'class Inner { find() {} m() { return function () { return this.find(1); }(); } static s() { return this.find(1); } }',
      'class Outer { find() {} m() { return class Field extends Int32Array { g = () => this.find(1); }; } [this.find(1)]() {} }',
    ].join('\n'), '/virtual/own-methods.js').code;
    const classes = out.split(/(?=\bclass [A-Z])/).slice(1);
    expect(classes).toHaveLength(6);
    const line = (n: number) => classes[n];
    expect(line(0)).not.toContain('_jsrace.at(this');
    expect(line(0)).toContain('this.find(k)');
    // A subclass of a typed array, a method it does not declare, a function's own `this`,
    // a static method's `this` (the class itself): each still gives the receiver its site.
    expect(line(1)).toMatch(/_jsrace\.at\(this, _jsraceSite \+ \d+\)\.fill\(/);
    expect(line(2)).toMatch(/_jsrace\.at\(this, _jsraceSite \+ \d+\)\.find\(/);
    expect(line(3).match(/_jsrace\.at\(this, _jsraceSite \+ \d+\)\.find\(/g)).toHaveLength(2);
    // `this` bound by a class field of a nested class, and the outer `this` of a computed key.
    expect((line(4) + line(5)).match(/_jsrace\.at\(this, _jsraceSite \+ \d+\)\.find\(/g)).toHaveLength(2);
  });

  it('sends spread arguments or more arguments than the operation takes through the call-site ring', () => {
    const out = instrument('function f(a, xs) {\n  return [Atomics.load(...xs), Atomics.load(a, 0, 1)];\n}\n', '/virtual/atomics-ring.js').code;
    expect(out).toMatch(/_jsrace\.at\(Atomics, _jsraceSite \+ \d+\)\.load\(\.\.\._jsrace\.at\(xs, _jsraceSite \+ \d+\)\)/);
    expect(out).toMatch(/_jsrace\.at\(Atomics, _jsraceSite \+ \d+\)\.load\(a, 0, 1\)/);
    expect(out).not.toContain('atomicCalls');
  });

  it('leaves accesses through bindings that can only hold a local array from a length unchecked', () => {
    const checked = (src: string) => (instrument(src, '/virtual/local.js').code.match(/\.element\(/g) ?? []).length;
    // Local arrays, swapped and copied: nothing to check.
    expect(checked('let a = new Int32Array(8), b = new Int32Array(2 * 4); const t = a; a = b; b = t; a[0] = b[1]++ + t[2];')).toBe(0);
    expect(checked('const n = 8; let m = n * 2; const a = new Float64Array(m); a[0] = 1;')).toBe(0);
    expect(checked('const n = new Int32Array(new SharedArrayBuffer(8)); const a = new Int32Array(n); a[0] = 1;')).toBe(1); // a copy
    expect(checked('let n = 8; n = {}; const a = new Int32Array(n); a[0] = 1;')).toBe(1);
    // Anything else: a parameter, an array from an object, a binding one assignment makes unknown.
    expect(checked('function f(p) { p[0] = 1; }')).toBe(1);
    expect(checked('const s = new Int32Array(new SharedArrayBuffer(8)); s[0] = 1;')).toBe(1);
    expect(checked('let a = new Int32Array(8); function set(v) { a = v; } a[0] = 1;')).toBe(1);
    expect(checked('let a = new Int32Array(8); [a] = [null]; a[0] = 1;')).toBe(1);
    expect(checked('function g(Int32Array) { const a = new Int32Array(8); a[0] = 1; }')).toBe(1);
    // eval and with can assign where Babel cannot see.
    expect(checked('let a = new Int32Array(8); eval("a = x"); a[0] = 1;')).toBe(1);
    expect(checked('let a = new Int32Array(8); with (o) { a[0] = 1; }')).toBe(1);
  });

  it('tests a parameter the function never reassigns once, at entry, and only in the body', () => {
    const out = (src: string) => instrument(src, '/virtual/params.js').code;
    const once = out('function f(p, i) { p[i] = p[i + 1] + p[0]; return p; }');
    expect(once.match(/mayBeShared\(p\)/g)).toHaveLength(1);
    expect(once.match(/_pMayBeShared && _jsrace\.element\(/g)).toHaveLength(3);
    // Reassigned, aliased through a sloppy arguments object, or read in a default value: per access.
    expect(out('function f(p) { p = p || []; return p[0]; }')).not.toContain('mayBeShared');
    expect(out('function f(p) { arguments[0] = 1; return p[0]; }')).not.toContain('mayBeShared');
    expect(out('"use strict"; function f(p) { arguments[0] = 1; return p[0]; }')).toContain('mayBeShared(p)');
    expect(out('function f(p, q = p[0]) { return q; }')).not.toContain('mayBeShared');
  });

  it('tests a const once, right after its declaration, for the accesses that follow it in its function', () => {
    const out = (src: string) => instrument(src, '/virtual/consts.js').code;
    const once = out('const { a } = o; let s = 0; for (let i = 0; i < 9; i++) s += a[i]; a[0] = s;');
    expect(once.match(/mayBeShared\(a\)/g)).toHaveLength(1);
    expect(once.indexOf('_aMayBeShared =')).toBeGreaterThan(once.indexOf('} = o;'));
    expect(once).toContain('if (!_aMayBeShared)'); // the loop comes after the test: versioned
    // Before its declaration, in a closure, in a switch case, under with: per access.
    expect(out('function f() { return a[0]; } const a = g(); f();')).not.toContain('mayBeShared');
    expect(out('const a = g(); const f = () => a[0];')).not.toContain('mayBeShared');
    expect(out('switch (x) { case 1: const a = g(); a[0] = 1; }')).not.toContain('mayBeShared');
    expect(out('const a = g(); with (o) { a[0] = 1; }')).not.toContain('mayBeShared');
    // A loop that starts before the declaration is not versioned on its test.
    const inside = out('for (let i = 0; i < 9; i++) { const a = g(i); a[i] = 1; }');
    expect(inside).toContain('mayBeShared(a)');
    expect(inside).not.toContain('if (!_aMayBeShared)');
  });

  it('versions an innermost loop whose only checks test entry results, and no other', () => {
    const out = (src: string) => instrument(src, '/virtual/loops.js').code;
    const versioned = out('function f(p, n) { for (let i = 0; i < n; i++) p[i] = p[i] + 1; }');
    const [, plain, checked] = versioned.split(/if \(!_pMayBeShared\) \{|\} else \{/);
    expect(plain).toMatch(/^\s*for \(let i = 0; i < n; i\+\+\)/);
    expect(plain).not.toContain('element(');
    expect(checked.match(/_pMayBeShared && _jsrace\.element\(/g)).toHaveLength(2);
    // A call, a closure, a labeled loop or a check of a non-parameter in the loop: one version.
    expect(out('function f(p, n) { for (let i = 0; i < n; i++) p[i] = g(i); }')).not.toContain('if (!_pMayBeShared)');
    expect(out('function f(p, n) { for (let i = 0; i < n; i++) p[i] = () => i; }')).not.toContain('if (!_pMayBeShared)');
    expect(out('function f(p, n) { l: for (let i = 0; i < n; i++) p[i] = 1; }')).not.toContain('if (!_pMayBeShared)');
    expect(out('function f(p, q, n) { q = q || p; for (let i = 0; i < n; i++) p[i] = q[i]; }')).not.toContain('if (!_pMayBeShared)');
    // Only the inner loop of a nest.
    expect(out('function f(p, n) { for (let j = 0; j < 2; j++) for (let i = 0; i < n; i++) p[i] = j; }').match(/if \(!_pMayBeShared\)/g)).toHaveLength(1);
  });

  it("checks the read of a compound assignment or update only when code can run before the write", () => {
    const checks = (src: string) => (instrument(`function f(s, o, j) { ${src} }`, '/virtual/rbw.js').code.match(/\.element\([^)]*, (256|0), /g) ?? [])
      .map((m) => (m.includes(', 256, ') ? 'read' : 'write'));
    // Only the element's value and operands that run no code between read and write: the
    // write's check stands for both.
    expect(checks('s[j]++; --s[0];')).toEqual(['write', 'write']);
    const k = 'const k = 3;';
    expect(checks(`${k} s[j] += 1; s[j] <<= k; s[j] *= -k;`)).toEqual(['write', 'write', 'write']);
    expect(checks('for (let i = 0; i < 9; i++) s[i] += i & 7;')).toEqual(['write']);
    expect(checks('const k = 2; let m = k; m += 1; s[0] -= m === 3 ? k : typeof o;')).toEqual(['write']);
    // A call, a getter, a conversion of a value that may be an object, or a global read: the
    // read keeps its own check.
    expect(checks('s[0] += g();')).toEqual(['read', 'write']);
    expect(checks('s[0] += o.x;')).toEqual(['read', 'write']);
    expect(checks('s[0] += o;')).toEqual(['read', 'write']);
    expect(checks('s[0] += -o;')).toEqual(['read', 'write']);
    expect(checks('s[0] <<= j;')).toEqual(['read', 'write']); // a parameter may be an object
    expect(checks('s[0] += someGlobal;')).toEqual(['read', 'write']);
    expect(checks('let v = 1; v = o; s[0] += v * 2;')).toEqual(['read', 'write']);
    expect(checks('s[0] += `${o}`;')).toEqual(['read', 'write']);
    // A logical assignment may not write at all.
    expect(checks('s[0] ||= 1;')).toEqual(['read', 'write']);
  });

  it('never instruments a file twice', () => {
    const once = instrument('const a = [1]; module.exports = a[0];', '/virtual/twice.js').code;
    expect(needsInstrumenting(once)).toBe(false);
    expect(needsInstrumenting('x = a[0]')).toBe(true);
  });

  it('skips node_modules (unless included) and jsrace itself', () => {
    expect(shouldInstrument('/app/src/a.js')).toBe(true);
    expect(shouldInstrument('/app/src/a.cjs')).toBe(true);
    expect(shouldInstrument('/app/src/a.json')).toBe(false);
    expect(shouldInstrument('/app/node_modules/lib/index.js')).toBe(false);
    expect(shouldInstrument('/app/node_modules/lib/index.js', ['lib'])).toBe(true);
    expect(shouldInstrument('/app/node_modules/@scope/lib/x.js', ['@scope/lib'])).toBe(true);
    // Vitest runs jsrace from its sources, so those are jsrace's own files here.
    expect(shouldInstrument(path.join(ROOT, 'runtime', 'shadow.js'))).toBe(false);
    expect(shouldInstrument(path.join(ROOT, 'src', 'register.js'))).toBe(false);
    expect(shouldInstrument(path.join(ROOT, 'examples', 'counter', 'racy.js'))).toBe(true);
  });

  it('reports a syntax error with file, line and column', () => {
    expect(() => instrument('let x = ;\n', '/virtual/bad.js')).toThrow(/\/virtual\/bad\.js:1:9/);
  });
});
