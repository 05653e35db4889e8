// The single way the runtime speaks outside of race reports: one line per problem,
// prefixed `jsrace:`, written synchronously to stderr, and never more than once per key
// in a thread. Warnings never throw.
import { writeSync } from 'fs';

const said = new Set<string>();

export function warnOnce(key: string, message: string): void {
  if (said.has(key)) return;
  said.add(key);
  warn(message);
}

export function warn(message: string): void {
  try {
    writeSync(2, `jsrace: ${message}\n`);
  } catch {
    // stderr closed: nothing sensible is left to do.
  }
}

/** Runs an internal step; a fault becomes one warning instead of an exception in user code. */
export function guard<T>(what: string, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    warnOnce(`fault:${what}`, `internal error in ${what} (detection continues): ${(e as Error)?.stack ?? e}`);
    return fallback;
  }
}
