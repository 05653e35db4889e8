// Loaded by the jsrace Vitest plugin in every test file: a race reported while a test ran
// (by any thread) fails that test, with the report as its error.
import { afterEach, beforeAll } from 'vitest';

const runtime = globalThis.__jsrace__;

beforeAll(() => {
  runtime?.takeNewReports();
});

afterEach(() => {
  const reports = runtime?.takeNewReports() ?? [];
  if (reports.length) throw new Error(`jsrace found a data race:\n${reports.join('\n')}`);
});
