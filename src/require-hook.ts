// The CommonJS hook: instruments a file's source just before Node compiles it. One patch
// of Module.prototype._compile covers .js, .cjs and every loader that compiles through it.
import Module = require('module');
import * as fs from 'fs';
import * as path from 'path';
import { readCache, writeCache, cacheKey } from './cache';
import type { Instrumented } from '../instrument';
import { rememberMap } from '../runtime/source-maps';
import { isOwnFile } from '../runtime/stack';
import { warn } from '../runtime/warn';

// TypeScript and JSX arrive here already compiled to JavaScript by the project's loader (tsx).
const EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '.tsx', '.jsx']);

/** A glob as a regular expression: `**` any path, `*` any name part, `?` one character. */
function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(^|/)${out}$`);
}

const globs = new Map<string, RegExp>();
function matches(file: string, glob: string): boolean {
  let re = globs.get(glob);
  if (!re) globs.set(glob, (re = globToRegExp(glob)));
  return re.test(file);
}

/**
 * Files outside node_modules are instrumented unless an `exclude` glob matches; files in
 * node_modules only when `include` names their package or a glob matches their path.
 */
export function shouldInstrument(filename: string, include: string[] = [], exclude: string[] = []): boolean {
  if (!EXTENSIONS.has(path.extname(filename)) || isOwnFile(filename)) return false;
  if (exclude.some((g) => matches(filename, g))) return false;
  const nm = filename.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  if (nm < 0) return true;
  const rest = filename.slice(nm + 14).split(path.sep);
  const pkg = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return include.includes(pkg) || include.some((g) => /[*?]/.test(g) && matches(filename, g));
}

let instrumenter: typeof import('../instrument') | undefined;

/** Instrumented source for a file, from the cache or Babel; the original on failure. */
export function instrumentSource(code: string, filename: string): string {
  // Loaded lazily: a worker whose files are all cached never pays for Babel.
  const key = cacheKey(filename, code);
  let out: Instrumented | undefined = readCache(key);
  if (!out) {
    instrumenter ??= require('../instrument') as typeof import('../instrument');
    if (!instrumenter.needsInstrumenting(code)) return code;
    try {
      out = instrumenter.instrument(code, filename);
    } catch (e) {
      warn(`cannot instrument ${(e as Error).message}; running it unchecked`);
      return code;
    }
    writeCache(key, out);
  }
  rememberMap(filename, out.map);
  return out.code;
}

/** The map of a file instrumented on another thread (ES modules: Node's loader thread). */
export function cachedMap(filename: string): import('source-map').RawSourceMap | undefined {
  try {
    const code = fs.readFileSync(filename, 'utf8');
    // `#executed`: what a bundler ran (the Vitest plugin's output), else what a hook instrumented.
    return readCache(cacheKey(`${filename}#executed`, code))?.map ?? readCache(cacheKey(filename, code))?.map ?? undefined;
  } catch {
    return undefined;
  }
}

export function installRequireHook(include: string[], exclude: string[] = []): void {
  const proto = Module.prototype as unknown as { _compile(content: string, filename: string): unknown };
  const original = proto._compile;
  proto._compile = function (content: string, filename: string) {
    if (shouldInstrument(filename, include, exclude)) {
      content = instrumentSource(content, filename);
    }
    return original.call(this, content, filename);
  };
}
