// Suppressions, in ThreadSanitizer's format: a file of lines `race:<pattern>` (`#` starts a
// comment). A report is suppressed when a frame of either access's stack, or either access's
// site, matches a pattern: its function name, its file, or file:line. `*` matches anything.
import * as fs from 'fs';
import { ctx } from './context';
import { Frame } from './stack';
import { warnOnce } from './warn';

let patterns: RegExp[] | undefined;

function load(): RegExp[] {
  const file = ctx.options.suppressions;
  if (!file) return [];
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    warnOnce('suppressions', `cannot read suppressions file ${file}: ${(e as Error).message}`);
    return [];
  }
  const out: RegExp[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const m = /^race:(.+)$/.exec(line);
    if (!m) {
      warnOnce(`suppression:${line}`, `${file}: "${line}" is not a suppression (expected race:<pattern>)`);
      continue;
    }
    const body = m[1].trim().split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    out.push(new RegExp(`(^|/)${body}$`));
  }
  return out;
}

export function suppressed(frames: (Frame | undefined)[]): boolean {
  patterns ??= load();
  if (patterns.length === 0) return false;
  for (const f of frames) {
    if (!f) continue;
    const names = [f.function, f.file, `${f.file}:${f.line}`];
    if (patterns.some((p) => names.some((n) => p.test(n)))) return true;
  }
  return false;
}
