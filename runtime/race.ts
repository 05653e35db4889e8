// From a conflicting pair of cells to a report: gathers both accesses, both threads and
// the buffer, dedupes by pair of sites across all threads, and hands the event to the
// reporter. Runs on the slow path only and never throws into user code.
import { ctx } from './context';
import { thread } from './thread-state';
import { A, typedArrayByteOffset, typedArrayTag } from './intrinsics';
import { BufferShadow } from './buffer-shadow';
import { Cell, cellEpoch, cellSlot, cellIsAtomic, cellIsRead, cellMask } from './shadow-cell';
import { restoreStack } from './history';
import { SiteId, Slot, NO_SITE, asSite } from './types';
import { DEDUPE_AT, DEDUPE_CAPACITY, H_HALT, H_RACES } from './world';
import { captureFrames, Frame } from './stack';
import { siteInfo } from './sites';
import { threadInfo, ThreadInfo } from './threads';
import { bufferInfo } from './buffers';
import { emitRace, RaceEvent, AccessInfo } from './report';
import { guard } from './warn';
import { checkSoon } from './test-runners';
import { suppressed } from './suppressions';

export function onRace(
  b: BufferShadow, addr: number, size: number, flags: number, site: SiteId, view: object,
  prevCell: number, prevSite: number, prevAddr: number,
): void {
  guard('race report', undefined, () => {
    const header = ctx.world.header;
    if (A.load(header, H_HALT) !== 0) return;
    const current: AccessInfo = {
      write: (flags & Cell.READ) === 0,
      atomic: (flags & Cell.ATOMIC) !== 0,
      bufferId: b.id,
      byteOffset: addr,
      size,
      thread: threadInfo(thread.slot),
      stack: currentStack(site),
      site: siteFrame(site),
    };
    const prevSlot = cellSlot(prevCell);
    const previous: AccessInfo = {
      write: !cellIsRead(prevCell),
      atomic: cellIsAtomic(prevCell),
      bufferId: b.id,
      byteOffset: prevAddr,
      size: popcount(cellMask(prevCell)),
      thread: threadInfo(prevSlot),
      stack: [],
      site: siteFrame(asSite(prevSite)),
    };
    previous.stack = previousStack(prevSlot, asSite(prevSite), cellEpoch(prevCell));
    const threads: ThreadInfo[] = [];
    for (const t of [current.thread, previous.thread]) {
      if (t.slot !== 0 && !threads.some((x) => x.slot === t.slot)) threads.push(t);
    }
    const event: RaceEvent = {
      current,
      previous,
      threads,
      buffer: { ...bufferInfo(b.id), byteLength: b.maxByteLength, view: viewDescription(view, addr) },
    };
    if (suppressed([...current.stack, current.site, ...previous.stack, previous.site])) return;
    ctx.reportLock.lock();
    try {
      if (A.load(header, H_HALT) !== 0) return;
      if (!firstTimeForPair(site, asSite(prevSite))) return;
      A.add(header, H_RACES, 1);
      if (ctx.options.halt_on_error) A.store(header, H_HALT, 1);
      emitRace(event);
    } finally {
      ctx.reportLock.unlock();
    }
    checkSoon();
    if (ctx.options.halt_on_error) halt();
  });
}

let halt: () => void = () => process.exit(ctx.options.exitcode);
/** How this thread stops the whole program after the first report (halt_on_error=1). */
export function setHaltHandler(fn: () => void): void {
  halt = fn;
}

/**
 * The earlier access's stack, rebuilt from its thread's history: its own site, then the site
 * of each call in progress. Empty when the history no longer holds that moment.
 */
function previousStack(slot: Slot, site: SiteId, epoch: number): Frame[] {
  const top = siteFrame(site);
  if (!top) return [];
  const calls = restoreStack(slot, site, epoch);
  if (!calls) return [];
  const frames = [top];
  for (const call of calls) {
    const f = siteFrame(asSite(call));
    frames.push(f ?? { function: '<unknown>', file: '', line: 0, column: 0 });
  }
  // The outermost known call is enough: frames below an unknown one are not ours to guess.
  while (frames.length > 1 && frames[frames.length - 1].line === 0) frames.pop();
  return frames;
}

function siteFrame(site: SiteId): Frame | undefined {
  const info = siteInfo(site);
  if (!info) return undefined;
  return { function: info.function, file: info.file, line: info.line, column: info.column };
}

/** The current stack, whose top frame is the access itself, named by its exact site. */
function currentStack(site: SiteId): Frame[] {
  const frames = captureFrames();
  const top = siteFrame(site);
  if (top) {
    if (frames.length > 0 && frames[0].file === top.file) frames[0] = top;
    else frames.unshift(top);
  }
  return frames;
}

function viewDescription(view: object, addr: number): string {
  const tagName = typedArrayTag.call(view);
  if (tagName === undefined) return 'DataView';
  const bpe = (view as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  const index = (addr - typedArrayByteOffset.call(view)) / bpe;
  return `${tagName} index ${index}`;
}

/** Each unordered pair of sites is reported once per process. Call under the report lock. */
function firstTimeForPair(a: SiteId, b: SiteId): boolean {
  if (a === NO_SITE && b === NO_SITE) return true;
  const lo = Math.min(a, b) + 1;
  const hi = Math.max(a, b) + 1;
  const h = ctx.world.header;
  let i = ((lo * 0x9e3779b1) ^ hi) >>> 0;
  for (let probe = 0; probe < DEDUPE_CAPACITY; probe++) {
    const at = DEDUPE_AT + ((i + probe) % DEDUPE_CAPACITY) * 2;
    if (h[at] === 0) {
      h[at] = lo;
      h[at + 1] = hi;
      return true;
    }
    if (h[at] === lo && h[at + 1] === hi) return false;
  }
  return true;
}

function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

