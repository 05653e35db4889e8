#!/usr/bin/env node
// The jsrace command: `jsrace run <script> [args...]` runs a program under the detector.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { OptionsError } from '../runtime/options';
import { loadOptions } from './config';

const REGISTER = path.resolve(__dirname, 'register.js');
const REGISTER_MJS = path.resolve(__dirname, '..', '..', 'src', 'register.mjs');

/** The package.json "type" that governs a .js file. */
function packageType(file: string): string | undefined {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { type?: string }).type;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * How node must preload jsrace for this entry: --require for CommonJS; --import (which also
 * covers CommonJS) for ES modules; TypeScript through the project's own tsx, loaded first so
 * that jsrace instruments what tsx compiled.
 */
function preloads(script: string): string[] {
  const ext = path.extname(script);
  if (['.ts', '.mts', '.cts', '.tsx'].includes(ext)) {
    let tsx: string;
    try {
      tsx = require.resolve('tsx', { paths: [process.cwd(), path.dirname(path.resolve(script))] });
    } catch {
      process.stderr.write(`jsrace: ${script} is TypeScript; jsrace runs it through tsx, which this project does not have (npm install --save-dev tsx)\n`);
      process.exit(2);
    }
    return ['--import', pathToFileURL(tsx).href, '--import', pathToFileURL(REGISTER_MJS).href];
  }
  const esm = ext === '.mjs' || (ext !== '.cjs' && packageType(script) === 'module');
  return esm ? ['--import', pathToFileURL(REGISTER_MJS).href] : ['--require', REGISTER];
}
import { VERSION } from './version';

const HELP = `jsrace ${VERSION}: a data-race detector for Node.js worker threads

Usage:
  jsrace run <script> [args...]   run a program with race detection
  jsrace build <src...> --out-dir <dir> [--jobs N] [--no-cache] [--cache-dir D] [--include pkg,...]
                                  write an instrumented copy that detects races under plain node
  jsrace --help                   show this help
  jsrace --version                show the version

Also:  node --require jsrace/register <script>    (CommonJS)
       node --import jsrace/register <script>     (ES modules, and CommonJS too)

Options come from JSRACE_OPTIONS, space-separated key=value pairs:
  log_path=stderr|stdout|<prefix>   where reports go (<prefix>.<pid> for a file)
  exitcode=66                       exit status when races were found
  halt_on_error=0|1                 stop at the first report
  format=text|json                  Go-style text or one JSON object per line
  strip_path_prefix=<prefix>        removed from reported paths
  history_size=1                    history kept per thread (0..7)
  suppressions=<file>               races not to report
  include=<pkg>,<pkg>               node_modules packages (or globs) to instrument too
  exclude=<glob>,<glob>             files not to instrument

Options may also live in jsrace.config.json (.js, .cjs, .mjs) or a "jsrace" key of
package.json, in the working directory; JSRACE_OPTIONS wins over the file.
`;

function main(argv: string[]): void {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    process.exit(command === undefined ? 2 : 0);
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (command === 'build') {
    const { build, parseBuildArgs } = require('./build') as typeof import('./build');
    const options = parseBuildArgs(rest);
    if (typeof options === 'string') {
      process.stderr.write(`jsrace build: ${options}\n`);
      process.exit(2);
    }
    build(options).then((code) => process.exit(code), (e: Error) => {
      process.stderr.write(`jsrace build: ${e.stack ?? e}\n`);
      process.exit(1);
    });
    return;
  }
  if (command !== 'run') {
    process.stderr.write(`jsrace: unknown command "${command}"\n\n${HELP}`);
    process.exit(2);
  }
  if (rest.length === 0) {
    process.stderr.write('jsrace: run needs a script: jsrace run <script> [args...]\n');
    process.exit(2);
  }
  try {
    loadOptions();
  } catch (e) {
    if (e instanceof OptionsError) {
      process.stderr.write(`jsrace: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const script = rest.find((a) => !a.startsWith('-')) ?? rest[0];
  const child = spawn(process.execPath, [...preloads(script), ...rest], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else {
      process.exit(code ?? 1);
    }
  });
}

main(process.argv.slice(2));
