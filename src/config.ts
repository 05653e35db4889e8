// Where options come from: a config file in the working directory (jsrace.config.json,
// .js, .cjs or .mjs, or a "jsrace" key in package.json), then JSRACE_OPTIONS, which wins.
// Errors name their source (the file, or JSRACE_OPTIONS) and the key.
import * as fs from 'fs';
import * as path from 'path';
import { Options, OptionsError, applyConfig, defaultOptions, parseOptions } from '../runtime/options';

const FILES = ['jsrace.config.json', 'jsrace.config.js', 'jsrace.config.cjs', 'jsrace.config.mjs'];

function readConfigFile(file: string): unknown {
  if (file.endsWith('.json')) return JSON.parse(fs.readFileSync(file, 'utf8'));
  if (file.endsWith('.mjs')) {
    // Node 20 cannot load an ES module synchronously, and options are needed before the
    // program runs: a config of plain data (`export default { ... }`) is read as such.
    const text = fs.readFileSync(file, 'utf8').replace(/^\s*export\s+default\s+/m, 'return ');
    return new Function(text)();
  }
  const loaded = require(file) as { default?: unknown };
  return loaded && typeof loaded === 'object' && 'default' in loaded ? loaded.default : loaded;
}

export function loadOptions(cwd = process.cwd()): Options {
  let options = defaultOptions();
  const file = FILES.map((f) => path.join(cwd, f)).find((f) => fs.existsSync(f));
  if (file) {
    let config: unknown;
    try {
      config = readConfigFile(file);
    } catch (e) {
      throw new OptionsError(`${file}: ${(e as Error).message}`);
    }
    options = applyConfig(options, config, file);
  } else {
    const pkg = path.join(cwd, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        const config = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { jsrace?: unknown }).jsrace;
        if (config !== undefined) options = applyConfig(options, config, `${pkg} "jsrace"`);
      } catch (e) {
        if (e instanceof OptionsError) throw e;
      }
    }
  }
  try {
    return parseOptions(process.env.JSRACE_OPTIONS, options);
  } catch (e) {
    throw e instanceof OptionsError ? new OptionsError(`JSRACE_OPTIONS: ${e.message}`) : e;
  }
}
