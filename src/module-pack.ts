// jsrace's own modules, loaded so that a worker starts fast. In a worker, Node's loader
// spent 16-23 ms resolving, reading and compiling our 40-odd files one by one. They are
// fewer now (package.json's build bundles the runtime into boot.js), but compiling them is
// still most of a worker's start. The main thread loads them here instead and keeps each
// file's source and compiled script. At its first `new Worker` it packs the sources, V8
// code caches of all it has compiled by then and the requests it resolved into one
// SharedArrayBuffer, which every later worker (and theirs) starts with as environment
// data: a worker then loads our modules from memory, with nothing to resolve, read or
// compile, and the pack is shared, not copied.
//
// Invariants:
// - A module is in Node's require.cache under its real filename before its body runs, so a
//   `require` of the same file from anywhere (register.mjs, esm-hooks.ts) gets the
//   same instance, and a file Node loaded first is never loaded again here.
// - Only relative requests naming files of dist/ come here; everything else goes to the
//   module's own Node require.
// - A pack only speeds loading: a module it lacks is read from disk, and V8 checks each
//   code cache itself (a rejected one only costs the compile it would have saved).
import Module = require('module');
import * as wt from 'worker_threads';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

const DIST = path.resolve(__dirname, '..') + path.sep;

// Line 1 keeps its line number: stacks inside jsrace stay right (they are dropped anyway).
const HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const TAIL = '\n})';

/**
 * A pack: its contents' byte length, the contents as JSON, all modules' sources as compiled
 * (wrapped) in one UTF-8 run, then their code caches. Per module the contents give the
 * character range of its source in that run and the byte range of its cache (from the
 * run's end; empty: none); and per relative request made from a module
 * (`${filename}\n${request}`), the file it named. A worker decodes the run as one string,
 * which V8 puts straight into its old generation, and slices it: three hundred kilobytes
 * of young strings that every collection found alive made V8 double a worker's young
 * generation (4 MB more of RSS each).
 */
interface Contents {
  modules: Record<string, [number, number, number, number]>;
  runBytes: number;
  links: Record<string, string>;
}

/** A received pack, decoded before the runtime's hooks could see its bytes being read. */
interface Received {
  code: Map<string, string>;
  caches: Map<string, Buffer>;
  links: Record<string, string>;
}

const loaded = new Map<string, { code: string; script: vm.Script }>();
const links: Record<string, string> = {};
let received: Received | undefined;
let shared = false;

/** Loads jsrace's module `filename` (absolute, under dist/) as Node's require would. */
export function requireOwn(filename: string): unknown {
  const cached = require.cache[filename];
  if (cached) return cached.exports;
  // Packed wrapped, so that a worker makes no second copy of every source.
  const code = received?.code.get(filename) ?? HEAD + fs.readFileSync(filename, 'utf8') + TAIL;
  const script = new vm.Script(code, { filename, cachedData: received?.caches.get(filename) });
  const module = new Module(filename);
  module.filename = filename;
  require.cache[filename] = module;
  loaded.set(filename, { code, script });
  let done = false;
  try {
    const body = script.runInThisContext() as (...args: unknown[]) => void;
    body.call(module.exports, module.exports, ownRequire(module), module, filename, path.dirname(filename));
    done = true;
  } finally {
    if (!done) delete require.cache[filename]; // as Node does: the next require tries again
  }
  module.loaded = true;
  return module.exports;
}

/** The `require` a module loaded here gets: ours for relative requests of dist/ files. */
function ownRequire(module: Module): NodeJS.Require {
  const from = module.filename;
  let nodeRequire: NodeJS.Require | undefined;
  const fallback = (): NodeJS.Require => (nodeRequire ??= Module.createRequire(from));
  const req = ((request: string) => {
    const own = request.startsWith('.') ? ownFile(from, request) : undefined;
    return own ? requireOwn(own) : fallback()(request);
  }) as NodeJS.Require;
  Object.defineProperties(req, {
    resolve: { get: () => fallback().resolve },
    cache: { get: () => require.cache },
    main: { get: () => require.main },
  });
  return req;
}

/**
 * The file under dist/ that a relative request from module `from` names (`x.js` or
 * `x/index.js`), if any. A pack's answer spares the path operations: a worker would
 * otherwise make enough of them to have V8 optimize Node's path code on the spot.
 */
function ownFile(from: string, request: string): string | undefined {
  const key = `${from}\n${request}`;
  const known = received?.links[key];
  if (known !== undefined) return (links[key] = known);
  const p = path.join(path.dirname(from), request);
  if (!p.startsWith(DIST)) return undefined;
  if (p.endsWith('.js')) return fs.existsSync(p) ? (links[key] = p) : undefined;
  if (fs.existsSync(`${p}.js`)) return (links[key] = `${p}.js`);
  const index = path.join(p, 'index.js'); // only when there is no x.js, as Node's order
  return fs.existsSync(index) ? (links[key] = index) : undefined;
}

/** Where a pack travels: environment data, which every later worker (and theirs) starts with. */
const PACK_KEY = 'jsrace:pack:v1';

/**
 * In a worker, before loading anything: take the pack its creator shared, if any. Read
 * whole now, while no hook of the runtime watches reads of shared memory.
 */
export function receivePack(): void {
  const data = wt.getEnvironmentData(PACK_KEY);
  if (!(data instanceof SharedArrayBuffer)) return;
  try {
    received = unpack(data);
  } catch {
    received = undefined; // only slower: every module is read from disk
  }
}

function unpack(data: SharedArrayBuffer): Received {
  const all = Buffer.from(data);
  const length = all.readUInt32LE(0);
  const contents = JSON.parse(all.toString('utf8', 4, 4 + length)) as Contents;
  const run = all.toString('utf8', 4 + length, 4 + length + contents.runBytes);
  const caches = all.subarray(4 + length + contents.runBytes);
  const code = new Map<string, string>();
  const cacheOf = new Map<string, Buffer>();
  for (const [filename, [s0, s1, c0, c1]] of Object.entries(contents.modules)) {
    code.set(filename, run.slice(s0, s1));
    if (c1 > c0) cacheOf.set(filename, caches.subarray(c0, c1));
  }
  return { code, caches: cacheOf, links: contents.links };
}

type Untracked = typeof import('../runtime/buffers').untracked;

/**
 * Before this thread starts a worker: share the pack of what it loaded so far, once.
 * `untracked` is the runtime's (buffers.ts), so that the pack's buffer is marked internal.
 */
export function sharePack(untracked: Untracked): void {
  if (shared) return;
  shared = true;
  wt.setEnvironmentData(PACK_KEY, pack(untracked));
}

/** One buffer holding what this thread loaded, with code caches of what it compiled by now. */
function pack(untracked: Untracked): SharedArrayBuffer {
  const codes: string[] = [];
  const caches: Buffer[] = [];
  const modules: Contents['modules'] = {};
  let chars = 0;
  let bytes = 0;
  for (const [filename, { code, script }] of loaded) {
    let cache = Buffer.alloc(0);
    try {
      cache = script.createCachedData();
    } catch {
      // no cache: the worker compiles this one
    }
    codes.push(code);
    caches.push(cache);
    modules[filename] = [chars, chars + code.length, bytes, bytes + cache.length];
    chars += code.length;
    bytes += cache.length;
  }
  const run = Buffer.from(codes.join(''), 'utf8');
  const contents = Buffer.from(JSON.stringify({ modules, runBytes: run.length, links } satisfies Contents), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(contents.length, 0);
  // Assembled in ordinary memory and copied in one call: each method call on a Buffer now
  // passes through the runtime's hooks.
  const all = Buffer.concat([length, contents, run, ...caches]);
  // Untracked, so marked internal: its copying is not the program's.
  const data = untracked(() => new SharedArrayBuffer(all.length));
  new Uint8Array(data).set(all);
  return data;
}
