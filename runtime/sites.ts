// The process-wide table of access sites. Each instrumented file registers its site
// table once per (file, content) and gets a base; site ids are base + local index, the
// same in every thread, so a shadow cell written by one thread names its site to all.
//
// Invariants: ids are never reused; a file's record (base, count, table) is published
// after its table is stored; decoding runs only on the report path.
import { ctx } from './context';
import { thread } from './thread-state';
import { A } from './intrinsics';
import { FILES_AT, FILE_WORDS, H_FILE_COUNT, H_NEXT_SITE, MAX_FILES } from './world';
import { loadString, storeString } from './strings';
import { SiteId, asSite, NO_SITE } from './types';
import { captureRawFrames, mapFrames } from './stack';
import { warnOnce } from './warn';

/** What the instrumenter embeds in a file: where each site is and which function holds it. */
export interface FileSiteTable {
  file: string;
  /** [line, column, index into names, index into files?] per local site; 1-based line and column. */
  sites: ([number, number, number] | [number, number, number, number])[];
  names: string[];
  /** Original source files, when the file's own source map maps sites elsewhere. */
  files?: string[];
}

export interface SiteInfo {
  file: string;
  line: number;
  column: number;
  function: string;
}

// atomic-records.ts keeps a site in the low 22 bits of a word.
const MAX_SITES = (1 << 22) - 1;
const decoded = new Map<number, FileSiteTable>();

/** Returns the base id for the file's sites (NO_SITE when the table is full). */
export function registerFile(json: string, count: number): SiteId {
  const world = ctx.world;
  ctx.globalLock.lock();
  try {
    const n = A.load(world.header, H_FILE_COUNT);
    for (let i = 0; i < n; i++) {
      const at = FILES_AT + i * FILE_WORDS;
      if (world.header[at + 1] === count && loadString(world, world.header[at + 2], world.header[at + 3]) === json) {
        return asSite(world.header[at]);
      }
    }
    const base = A.load(world.header, H_NEXT_SITE);
    if (n >= MAX_FILES || base + count > MAX_SITES) {
      warnOnce('sites-full', 'too many instrumented files; accesses in later files are not named');
      return NO_SITE;
    }
    const [off, len] = storeString(world, json);
    if (off < 0) return NO_SITE;
    const at = FILES_AT + n * FILE_WORDS;
    world.header[at] = base;
    world.header[at + 1] = count;
    world.header[at + 2] = off;
    world.header[at + 3] = len;
    A.store(world.header, H_NEXT_SITE, base + count);
    A.store(world.header, H_FILE_COUNT, n + 1);
    return asSite(base);
  } finally {
    ctx.globalLock.unlock();
  }
}

export function siteInfo(site: SiteId): SiteInfo | undefined {
  if (site === NO_SITE) return undefined;
  const world = ctx.world;
  const n = A.load(world.header, H_FILE_COUNT);
  for (let i = 0; i < n; i++) {
    const at = FILES_AT + i * FILE_WORDS;
    const base = world.header[at];
    const count = world.header[at + 1];
    if (site < base || site >= base + count) continue;
    let table = decoded.get(i);
    if (!table) {
      table = JSON.parse(loadString(world, world.header[at + 2], world.header[at + 3]) ?? 'null') as FileSiteTable;
      decoded.set(i, table);
    }
    const entry = table.sites[site - base];
    if (!entry) return undefined;
    const file = entry.length > 3 && table.files ? table.files[entry[3] as number] ?? table.file : table.file;
    return { file, line: entry[0], column: entry[1], function: table.names[entry[2]] ?? '<anonymous>' };
  }
  return undefined;
}

const callers = new Map<string, SiteId>();

/**
 * A site for the code that called into jsrace right now, for accesses made by methods called
 * where no instrumented site is known (uninstrumented code, implicit conversions). It costs a
 * stack capture, so only calls that already do O(n) work on shared memory use it.
 */
export function callerSite(): SiteId {
  const raw = captureRawFrames()[0];
  if (!raw) return NO_SITE;
  const [frame] = mapFrames([raw]); // the caller's frame only: each frame mapped may load a map
  const key = `${frame.file}:${frame.line}:${frame.column}:${frame.function}`;
  let site = callers.get(key);
  if (site === undefined) {
    const table: FileSiteTable = { file: frame.file, sites: [[frame.line, frame.column, 0]], names: [frame.function] };
    site = registerFile(JSON.stringify(table), 1);
    callers.set(key, site);
  }
  return site;
}
