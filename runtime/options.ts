// JSRACE_OPTIONS: space-separated key=value pairs, like GORACE. Parsing is strict: an
// unknown key or a malformed value is an error that names the key, raised before the
// program runs.

export interface Options {
  log_path: string; // 'stderr' | 'stdout' | a path prefix (reports go to <prefix>.<pid>)
  exitcode: number;
  halt_on_error: boolean;
  history_size: number;
  strip_path_prefix: string;
  format: 'text' | 'json';
  suppressions: string;
  include: string[];
  /** Globs of files not to instrument (matched against the absolute path). */
  exclude: string[];
}

export function defaultOptions(): Options {
  return {
    log_path: 'stderr',
    exitcode: 66,
    halt_on_error: false,
    history_size: 1,
    strip_path_prefix: '',
    format: 'text',
    suppressions: '',
    include: [],
    exclude: [],
  };
}

export class OptionsError extends Error {}

type Parser = (o: Options, value: string, key: string) => void;

function int(min: number, max: number, set: (o: Options, n: number) => void): Parser {
  return (o, v, k) => {
    if (!/^-?\d+$/.test(v)) throw new OptionsError(`${k}: expected an integer, got "${v}"`);
    const n = Number(v);
    if (n < min || n > max) throw new OptionsError(`${k}: ${n} is outside ${min}..${max}`);
    set(o, n);
  };
}
function bool(set: (o: Options, b: boolean) => void): Parser {
  return (o, v, k) => {
    if (v === '1' || v === 'true') set(o, true);
    else if (v === '0' || v === 'false') set(o, false);
    else throw new OptionsError(`${k}: expected 0 or 1, got "${v}"`);
  };
}

const parsers: Record<keyof Options, Parser> = {
  log_path: (o, v, k) => {
    if (!v) throw new OptionsError(`${k}: expected a path, stdout or stderr`);
    o.log_path = v;
  },
  exitcode: int(0, 255, (o, n) => (o.exitcode = n)),
  halt_on_error: bool((o, b) => (o.halt_on_error = b)),
  history_size: int(0, 7, (o, n) => (o.history_size = n)),
  strip_path_prefix: (o, v) => (o.strip_path_prefix = v),
  format: (o, v, k) => {
    if (v !== 'text' && v !== 'json') throw new OptionsError(`${k}: expected text or json, got "${v}"`);
    o.format = v;
  },
  suppressions: (o, v) => (o.suppressions = v),
  include: (o, v) => (o.include = v.split(',').map((s) => s.trim()).filter(Boolean)),
  exclude: (o, v) => (o.exclude = v.split(',').map((s) => s.trim()).filter(Boolean)),
};

/** Options from a config object (a file's), checked by the same rules; `where` names the file. */
export function applyConfig(base: Options, config: unknown, where: string): Options {
  const o = { ...base };
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new OptionsError(`${where}: expected an object of options`);
  }
  for (const [key, value] of Object.entries(config)) {
    if (!Object.prototype.hasOwnProperty.call(parsers, key)) {
      throw new OptionsError(`${where}: unknown option "${key}" (known: ${Object.keys(parsers).join(', ')})`);
    }
    const text = Array.isArray(value) ? value.join(',') : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    try {
      parsers[key as keyof Options](o, text, key);
    } catch (e) {
      throw new OptionsError(`${where}: ${(e as Error).message}`);
    }
  }
  return o;
}

export function parseOptions(text: string | undefined, base: Options = defaultOptions()): Options {
  const o = { ...base };
  for (const pair of (text ?? '').split(/\s+/).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new OptionsError(`"${pair}": expected key=value`);
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (!Object.prototype.hasOwnProperty.call(parsers, key)) {
      throw new OptionsError(`unknown option "${key}" (known: ${Object.keys(parsers).join(', ')})`);
    }
    parsers[key as keyof Options](o, value, key);
  }
  return o;
}
