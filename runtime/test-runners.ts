// Inside a test runner, a race fails the test during which it was reported, with the report
// as the failure. The thread that runs the tests watches the shared report log (races may be
// found by any worker) and raises each new report as an error:
// - node --test: an uncaught error, which node:test charges to the running test;
// - Vitest: the jsrace setup file's afterEach hook (see src/vitest-setup.ts).
// Outside a test runner nothing here runs: a program's own control flow is never changed.
import { reportCount, reportsSince } from './report';

export class DataRaceError extends Error {
  constructor(report: string) {
    super(`jsrace found a data race:\n${report}`);
    this.name = 'DataRaceError';
  }
}

let seen = 0;

/** Reports not yet handed to the test runner. */
export function takeNewReports(): string[] {
  const reports = reportsSince(seen);
  seen = reportCount();
  return reports;
}

let nodeTest = false;

function check(): void {
  const reports = takeNewReports();
  if (reports.length) throw new DataRaceError(reports.join('\n'));
}

/**
 * Called where the test's own callbacks run (a worker's events, a report in this thread):
 * process.nextTick keeps the test's async context, so node:test charges the error to it.
 */
export function checkSoon(): void {
  if (nodeTest) process.nextTick(check);
}

// How many reports existed at the fallback's last tick.
let countAtLastTick = 0;

/**
 * The fallback for reports no callback of a test noticed: the file fails instead. A report
 * is left one whole tick to the test that made it, whose worker may take that long to
 * emit 'exit' (a busy machine); taken at once, it would be charged to the file.
 */
function fallback(): void {
  const count = reportCount();
  if (seen < countAtLastTick) check();
  countAtLastTick = count;
}

/** For node --test (NODE_TEST_CONTEXT is set in its test processes). */
export function installNodeTestHook(): void {
  nodeTest = true;
  setInterval(fallback, 50).unref();
  process.on('beforeExit', check);
}

export function inTestRunner(): 'node-test' | 'vitest' | undefined {
  if (process.env.JSRACE_TEST_RUNNER === 'vitest') return 'vitest';
  if (process.env.NODE_TEST_CONTEXT) return 'node-test';
  return undefined;
}
