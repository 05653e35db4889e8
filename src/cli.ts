#!/usr/bin/env node
// The jsrace command: `jsrace run <script> [args...]` runs a program under the detector.
import { spawn } from 'child_process';
import * as path from 'path';
import { OptionsError, parseOptions } from '../runtime/options';

const REGISTER = path.resolve(__dirname, 'register.js');
import { VERSION } from './version';

const HELP = `jsrace ${VERSION}: a data-race detector for Node.js worker threads

Usage:
  jsrace run <script> [args...]   run a program with race detection
  jsrace --help                   show this help
  jsrace --version                show the version

Also:  node --require jsrace/register <script>

Options come from JSRACE_OPTIONS, space-separated key=value pairs:
  log_path=stderr|stdout|<prefix>   where reports go (<prefix>.<pid> for a file)
  exitcode=66                       exit status when races were found
  halt_on_error=0|1                 stop at the first report
  format=text|json                  Go-style text or one JSON object per line
  strip_path_prefix=<prefix>        removed from reported paths
  history_size=1                    history kept per thread (0..7)
  suppressions=<file>               races not to report
  include=<pkg>,<pkg>               node_modules packages to instrument too
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
  if (command !== 'run') {
    process.stderr.write(`jsrace: unknown command "${command}"\n\n${HELP}`);
    process.exit(2);
  }
  if (rest.length === 0) {
    process.stderr.write('jsrace: run needs a script: jsrace run <script> [args...]\n');
    process.exit(2);
  }
  try {
    parseOptions(process.env.JSRACE_OPTIONS);
  } catch (e) {
    if (e instanceof OptionsError) {
      process.stderr.write(`jsrace: JSRACE_OPTIONS: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const child = spawn(process.execPath, ['--require', REGISTER, ...rest], { stdio: 'inherit' });
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
