// jsrace's own modules, loaded so that a worker starts fast. In a worker, Node's loader
// spent 16-17 ms resolving, reading and compiling our 40-odd files one by one. The main
// thread loads them here instead and keeps each file's source and compiled script. At its
// first `new Worker` it packs the sources, V8 code caches of all it has compiled by then
// and the requests it resolved into one SharedArrayBuffer, which every later worker (and
// theirs) starts with as environment data: a worker then loads our modules from memory,
// with nothing to resolve, read or compile, and the pack is shared, not copied.
//
// Invariants:
// - A module is in Node's require.cache under its real filename before its body runs, so a
//   `require` of the same file from anywhere (register.mjs, the Vitest plugin) gets the
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
 * A pack's table of contents, as JSON at the start of its buffer (after its byte length),
 * then the bytes it names: per module, the byte ranges (from the end of the contents) of its source (UTF-8) and of its code cache (empty: none);
 * and per relative request made from a module (`${filename}\n${request}`), the file it named.
 */
interface Contents {
  modules: Record<string, [number, number, number, number]>;
  links: Record<string, string>;
}

/** A received pack, decoded before the runtime's hooks could see its bytes being read. */
interface Received {
  sources: Map<string, string>;
  caches: Map<string, Buffer>;
  links: Record<string, string>;
}

const loaded = new Map<string, { source: string; script: vm.Script }>();
const links: Record<string, string> = {};
let received: Received | undefined;
let shared = false;

/** Loads jsrace's module `filename` (absolute, under dist/) as Node's require would. */
export function requireOwn(filename: string): unknown {
  const cached = require.cache[filename];
  if (cached) return cached.exports;
  const source = received?.sources.get(filename) ?? fs.readFileSync(filename, 'utf8');
  const script = new vm.Script(HEAD + source + TAIL, { filename, cachedData: received?.caches.get(filename) });
  const module = new Module(filename);
  module.filename = filename;
  require.cache[filename] = module;
  loaded.set(filename, { source, script });
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
  for (const f of p.endsWith('.js') ? [p] : [`${p}.js`, path.join(p, 'index.js')]) {
    if (fs.existsSync(f)) return (links[key] = f);
  }
  return undefined;
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
  const all = Buffer.from(data);
  const length = all.readUInt32LE(0);
  const contents = JSON.parse(all.toString('utf8', 4, 4 + length)) as Contents;
  const bytes = all.subarray(4 + length);
  const sources = new Map<string, string>();
  const caches = new Map<string, Buffer>();
  for (const [filename, [s0, s1, c0, c1]] of Object.entries(contents.modules)) {
    sources.set(filename, bytes.toString('utf8', s0, s1));
    if (c1 > c0) caches.set(filename, bytes.subarray(c0, c1));
  }
  received = { sources, caches, links: contents.links };
}

/** Before this thread starts a worker: share the pack of what it loaded so far, once. */
export function sharePack(): void {
  if (shared) return;
  shared = true;
  wt.setEnvironmentData(PACK_KEY, pack());
}

/** One buffer holding what this thread loaded, with code caches of what it compiled by now. */
function pack(): SharedArrayBuffer {
  const parts: Buffer[] = [];
  const modules: Contents['modules'] = {};
  let at = 0;
  const put = (b: Buffer): [number, number] => {
    parts.push(b);
    at += b.length;
    return [at - b.length, at];
  };
  for (const [filename, { source, script }] of loaded) {
    let cache = Buffer.alloc(0);
    try {
      cache = script.createCachedData();
    } catch {
      // no cache: the worker compiles this one
    }
    modules[filename] = [...put(Buffer.from(source, 'utf8')), ...put(cache)];
  }
  const contents = Buffer.from(JSON.stringify({ modules, links } satisfies Contents), 'utf8');
  const { markInternal, untracked } = requireOwn(path.join(DIST, 'runtime', 'buffers.js')) as typeof import('../runtime/buffers');
  const data = untracked(() => new SharedArrayBuffer(4 + contents.length + at));
  markInternal(data); // its copying below is not the program's
  const bytes = Buffer.from(data);
  bytes.writeUInt32LE(contents.length, 0);
  contents.copy(bytes, 4);
  let to = 4 + contents.length;
  for (const b of parts) to += b.copy(bytes, to);
  return data;
}
