// jsrace's own modules, loaded so that a worker starts fast. Node's loader spends most of
// a worker's 15-20 ms of jsrace start-up resolving, reading and compiling our 40-odd files
// one by one. The main thread loads them here instead, keeping each file's source and
// compiled script; at its first `new Worker` it hands the sources, with V8 code caches of
// all it has compiled by then, to every worker it starts (boot data, workers.ts), and the
// worker loads them from memory: nothing to resolve, read or compile.
//
// Invariants:
// - A module is in Node's require.cache under its real filename before its body runs, so a
//   `require` of the same file from anywhere (register.mjs, the Vitest plugin) gets the
//   same instance, and a file Node loaded first is never loaded again here.
// - Only relative requests naming files of dist/ come here; everything else goes to the
//   module's own Node require.
// - A pack only speeds loading: a missing or unusable source or cache falls back to the
//   disk and to compiling, and V8 checks each cache itself (a rejected one is ignored).
import Module = require('module');
import * as wt from 'worker_threads';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

/** What a worker receives: per filename under dist/, its source and maybe a code cache. */
export interface ModulePack {
  sources: Record<string, string>;
  caches: Record<string, Uint8Array>;
}

const DIST = path.resolve(__dirname, '..') + path.sep;

// Line 1 keeps its line number: stacks inside jsrace stay right (they are dropped anyway).
const HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const TAIL = '\n})';

const loaded = new Map<string, { source: string; script: vm.Script }>();
let received: ModulePack | undefined;
let made: ModulePack | undefined;

/** Loads jsrace's module `filename` (absolute, under dist/) as Node's require would. */
export function requireOwn(filename: string): unknown {
  const cached = require.cache[filename];
  if (cached) return cached.exports;
  const source = received?.sources[filename] ?? fs.readFileSync(filename, 'utf8');
  const script = new vm.Script(HEAD + source + TAIL, { filename, cachedData: received?.caches[filename] });
  const module = new Module(filename);
  module.filename = filename;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(filename));
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
  const dir = path.dirname(module.filename);
  let nodeRequire: NodeJS.Require | undefined;
  const fallback = (): NodeJS.Require => (nodeRequire ??= Module.createRequire(module.filename));
  const req = ((request: string) => {
    const own = request.startsWith('.') ? ownFile(path.join(dir, request)) : undefined;
    return own ? requireOwn(own) : fallback()(request);
  }) as NodeJS.Require;
  Object.defineProperties(req, {
    resolve: { get: () => fallback().resolve },
    cache: { get: () => require.cache },
    main: { get: () => require.main },
  });
  return req;
}

/** The file under dist/ that a relative request resolves to (as `x.js` or `x/index.js`), if any. */
function ownFile(p: string): string | undefined {
  if (!p.startsWith(DIST)) return undefined;
  for (const f of p.endsWith('.js') ? [p] : [`${p}.js`, path.join(p, 'index.js')]) {
    if (received?.sources[f] !== undefined || fs.existsSync(f)) return f;
  }
  return undefined;
}

/** Where a pack travels: environment data, which every later worker (and theirs) starts with. */
const PACK_KEY = 'jsrace:pack:v1';

/** In a worker, before loading anything: take the pack its creator shared, if any. */
export function receivePack(): void {
  const p = wt.getEnvironmentData(PACK_KEY) as ModulePack | undefined;
  if (p && typeof p === 'object' && p.sources && p.caches) received = p;
}

/** Before this thread starts a worker: share the pack, once. */
export function sharePack(): void {
  if (!made) wt.setEnvironmentData(PACK_KEY, packForWorkers() as unknown as wt.Serializable);
}

/**
 * The pack for the workers this thread starts: what it loaded so far, with code caches of
 * the functions compiled by now. Made once; later loads go to workers the slow way.
 */
function packForWorkers(): ModulePack {
  if (made) return made;
  const sources: Record<string, string> = {};
  const caches: Record<string, Uint8Array> = {};
  for (const [filename, { source, script }] of loaded) {
    sources[filename] = source;
    try {
      caches[filename] = new Uint8Array(script.createCachedData());
    } catch {
      // no cache: the worker compiles this one
    }
  }
  made = { sources, caches };
  return made;
}
