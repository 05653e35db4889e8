// Clock and shadow logic, in one process: "threads" are slots of a real shared world that
// the test switches between, and accesses go through the real hot path. Reports are read
// back as JSON from the log file.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { start } from '../runtime';
import { ctx } from '../runtime/context';
import { thread } from '../runtime/thread-state';
import { parseOptions } from '../runtime/options';
import { element, recordElement } from '../runtime/access';
import { allocateWorkerSlot, joinExitedWorker } from '../runtime/threads';
import { acquire, lastGranule, releaseJoin, releaseStore, syncRow, SyncKind } from '../runtime/sync';
import { recordAt, recordAtomic, reportAtomicRace, siteOfRecord } from '../runtime/atomic-records';
import { READ, WRITE, ATOMIC } from '../runtime/shadow';
import { packCell, cellSlot, cellEpoch, cellMask, cellIsRead, cellIsAtomic, byteMask, firstCell } from '../runtime/shadow-cell';
import { accessSiteEntries, entryIndex, noteSite, siteOfStamp } from '../runtime/access-sites';
import { join, assign } from '../runtime/vector-clock';
import { shadowOf } from '../runtime/buffers';
import { Slot, asEpoch, asSite, asSlot, NO_SITE } from '../runtime/types';
import { at, setAtomicsReceiver, takeSite } from '../runtime/call-site';

const logPrefix = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jsrace-unit-')), 'log');
const logFile = `${logPrefix}.${process.pid}`;
let main: Slot;

beforeAll(() => {
  start(parseOptions(`format=json log_path=${logPrefix}`));
  main = thread.slot;
});

let site = 1000;
/**
 * Each access gets a site of its own, so that dedupe by site pair never hides a report. An
 * atomic one is recorded in its location's sync row, as the Atomics wrappers do (without
 * their clock effects, which the tests make explicitly).
 */
function access(view: object, index: number, flags: number): void {
  if ((flags & ATOMIC) === 0) {
    recordElement(view, index, flags, asSite(site++));
    return;
  }
  const v = view as Int32Array;
  const b = shadowOf(v.buffer as SharedArrayBuffer);
  const size = v.BYTES_PER_ELEMENT;
  const addr = v.byteOffset + index * size;
  const row = syncRow(b.id, addr, size, SyncKind.Location);
  const at = asSite(site++);
  if (recordAtomic(b, row, lastGranule(), addr, size, (flags & READ) === 0, at)) reportAtomicRace(b, addr, size, flags, at, view);
}

function reports(): { access: { op: string; atomic: boolean }; previous: { op: string; atomic: boolean } }[] {
  if (!fs.existsSync(logFile)) return [];
  return fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('"type":"race"')).map((l) => JSON.parse(l));
}

let seen = 0;
/** Reports since the last call. */
function newReports() {
  const all = reports();
  const fresh = all.slice(seen);
  seen = all.length;
  return fresh;
}

function as(slot: Slot): void {
  thread.adopt(ctx.world, slot, slot, slot === main);
}

/** A worker slot created by `parent` (the creation edge included). */
function spawnFrom(parent: Slot): Slot {
  as(parent);
  const s = allocateWorkerSlot([]);
  if (s === -1) throw new Error('no slot');
  return s;
}

function shared(bytes = 64) {
  const sab = new SharedArrayBuffer(bytes);
  return { i32: new Int32Array(sab), u8: new Uint8Array(sab), i16: new Int16Array(sab), sab };
}

beforeEach(() => {
  newReports();
  as(main);
});

describe('shadow cells', () => {
  it('pack and unpack every field exactly', () => {
    const v = packCell(asSlot(255), READ | ATOMIC, 0b1010_0000, asEpoch(0xfffffffe));
    expect([cellSlot(v), cellEpoch(v), cellMask(v), cellIsRead(v), cellIsAtomic(v)]).toEqual([255, 0xfffffffe, 0xa0, true, true]);
    expect(Number.isSafeInteger(v)).toBe(true);
    expect(byteMask(2, 4)).toBe(0b0011_1100);
  });
});

describe('vector clocks', () => {
  it('join takes the maximum per slot and assign copies', () => {
    const a = Uint32Array.of(1, 5, 0, 9);
    join(a, Uint32Array.of(3, 2, 7, 9), 3);
    expect(Array.from(a)).toEqual([3, 5, 7, 9]);
    assign(a, Uint32Array.of(0, 0, 0, 0), 2);
    expect(Array.from(a)).toEqual([0, 0, 7, 9]);
  });
});

describe('the race check', () => {
  it('reports two unordered writes once, and the pair only once', () => {
    const { i32 } = shared();
    const w1 = spawnFrom(main);
    const w2 = spawnFrom(main);
    as(w1);
    access(i32, 0, WRITE);
    as(w2);
    access(i32, 0, WRITE);
    expect(newReports().map((r) => [r.access.op, r.previous.op])).toEqual([['write', 'write']]);
    as(w1);
    recordElement(i32, 0, WRITE, asSite(site - 2));
    as(w2);
    recordElement(i32, 0, WRITE, asSite(site - 1));
    expect(newReports()).toHaveLength(0);
  });

  it('orders the creator before the worker, and the worker before a join', () => {
    const { i32 } = shared();
    access(i32, 1, WRITE);
    const w = spawnFrom(main);
    as(w);
    access(i32, 1, READ);
    access(i32, 1, WRITE);
    as(main);
    access(i32, 2, WRITE); // after the creation: unordered with the worker's later writes
    as(w);
    access(i32, 2, READ);
    expect(newReports()).toHaveLength(1);
    as(main);
    joinExitedWorker(w);
    access(i32, 1, WRITE);
    expect(newReports()).toHaveLength(0);
  });

  it('lets reads share, keeps different bytes apart and makes overlapping sizes meet', () => {
    const { i32, u8, i16 } = shared();
    const w1 = spawnFrom(main);
    const w2 = spawnFrom(main);
    as(w1);
    access(i32, 3, READ);
    access(u8, 0, WRITE);
    as(w2);
    access(i32, 3, READ);
    access(u8, 1, WRITE);
    expect(newReports()).toHaveLength(0);
    access(i16, 6, WRITE); // bytes 12-13, inside w1's read of i32[3]
    expect(newReports().map((r) => [r.access.op, r.previous.op])).toEqual([['write', 'read']]);
  });

  it('never reports two atomics of the same range, but does mixed sizes and atomic-plain pairs', () => {
    const { i32, i16 } = shared();
    const w1 = spawnFrom(main);
    const w2 = spawnFrom(main);
    as(w1);
    access(i32, 4, WRITE | ATOMIC);
    as(w2);
    access(i32, 4, WRITE | ATOMIC);
    expect(newReports()).toHaveLength(0);
    access(i16, 8, READ | ATOMIC);
    expect(newReports().map((r) => [r.access.atomic, r.previous.op])).toEqual([[true, 'write']]);
    as(w1);
    access(i32, 5, WRITE | ATOMIC);
    as(w2);
    access(i32, 5, READ);
    expect(newReports()).toHaveLength(1);
  });

  it('meets atomics and plain accesses from either side, and keeps the other bytes of the granule apart', () => {
    const { i32, i16 } = shared();
    const w1 = spawnFrom(main);
    const w2 = spawnFrom(main);
    const seen = () => newReports().map((r) => [r.access.atomic, r.previous.op, r.previous.atomic]);
    as(w1);
    access(i32, 8, WRITE);
    as(w2);
    access(i32, 8, READ | ATOMIC); // the atomic side finds the plain write in the granule's cells
    expect(seen()).toEqual([[true, 'write', false]]);
    as(w1);
    access(i32, 10, READ | ATOMIC); // bytes 40-43
    as(w2);
    access(i32, 11, WRITE); // bytes 44-47: the same granule, other bytes
    access(i32, 10, READ); // two reads
    expect(seen()).toEqual([]);
    access(i16, 20, WRITE); // bytes 40-41: the plain side finds the atomic read in its location's row
    expect(seen()).toEqual([[false, 'read', true]]);
  });

  it('orders a release-store before the acquire that reads it, and only that range', () => {
    const { i32 } = shared();
    const shadow = shadowOf(i32.buffer as SharedArrayBuffer);
    const w1 = spawnFrom(main);
    const w2 = spawnFrom(main);
    as(w1);
    access(i32, 6, WRITE);
    releaseStore(syncRow(shadow.id, 28, 4, SyncKind.Location));
    thread.advance();
    access(i32, 7, WRITE); // after the release: not covered by it
    as(w2);
    acquire(syncRow(shadow.id, 28, 4, SyncKind.Location));
    access(i32, 6, READ);
    expect(newReports()).toHaveLength(0);
    access(i32, 7, READ);
    expect(newReports()).toHaveLength(1);
    acquire(syncRow(shadow.id, 28, 2, SyncKind.Location)); // other size: another variable
  });

  it('publishes through a waiter list only what happened before the release', () => {
    const { i32 } = shared();
    const shadow = shadowOf(i32.buffer as SharedArrayBuffer);
    const list = syncRow(shadow.id, 0, 0, SyncKind.Waiters);
    const a = spawnFrom(main);
    const b = spawnFrom(main);
    as(b);
    releaseStore(syncRow(shadow.id, 60, 4, SyncKind.Location)); // an Atomics.add: a release...
    access(i32, 15, WRITE | ATOMIC);
    thread.advance(); // ...after which b is clean: nothing carries its new epoch yet
    acquire(list);
    releaseJoin(list); // Atomics.notify
    thread.advance();
    access(i32, 0, WRITE); // after the notify: not ordered before the woken waiter
    as(a);
    acquire(list); // the woken Atomics.wait
    access(i32, 0, WRITE);
    expect(newReports().map((r) => [r.access.op, r.previous.op])).toEqual([['write', 'write']]);
  });

  it("keeps each site's hot view apart from another site's sharing its entry, and finds the race through either", () => {
    // Sites 256 apart (a multiple of the table size) share one hot entry; it is validated by the view.
    const a = shared().i32;
    const b = shared().i32;
    const siteA = asSite(7 * 256 + 3);
    const siteB = asSite(8 * 256 + 3);
    const w1 = spawnFrom(main);
    const w2 = spawnFrom(main);
    as(w1);
    element(a, 0, WRITE, siteA);
    element(b, 1, WRITE, siteB); // takes the entry over for b
    element(a, 0, WRITE, siteA); // a again: the entry names b, so the full check runs
    expect(newReports()).toHaveLength(0);
    as(w2);
    element(b, 0, READ, siteB); // b's element 0 was never written: no race
    expect(newReports()).toHaveLength(0);
    element(a, 0, READ, siteA); // w1 wrote a[0] unordered with w2
    expect(newReports().map((r) => [r.access.op, r.previous.op])).toEqual([['read', 'write']]);
    element(b, 1, WRITE, siteB); // w1 wrote b[1] too
    expect(newReports().map((r) => [r.access.op, r.previous.op])).toEqual([['write', 'write']]);
  });

  it('skips through the hot view only what the cells already hold', () => {
    const { i32 } = shared();
    const shadow = shadowOf(i32.buffer as SharedArrayBuffer);
    const at = asSite(5 * 256 + 9);
    element(i32, 3, WRITE, at);
    const granule1 = () => Array.from(shadow.cells!.subarray(firstCell(1), firstCell(2)));
    const before = granule1();
    element(i32, 3, WRITE, at); // same epoch, same bytes: nothing to record
    element(i32, 3, READ, at); // a read after this epoch's write of the same bytes
    expect(granule1()).toEqual(before);
    element(i32, 2, READ, at); // other bytes of the granule: recorded
    expect(granule1()).not.toEqual(before);
  });

  it('takes the fast path when the cell already holds this epoch', () => {
    const { i32 } = shared();
    const shadow = shadowOf(i32.buffer as SharedArrayBuffer);
    access(i32, 0, WRITE);
    const before = Array.from(shadow.cells!.subarray(0, 2));
    access(i32, 0, WRITE);
    access(i32, 0, READ);
    expect(Array.from(shadow.cells!.subarray(0, 2))).toEqual(before);
  });

  it("names the site of another thread's stamp from that thread's table, and no site once the entry is taken", () => {
    const { i32, sab } = shared();
    const shadow = shadowOf(sab);
    const w = spawnFrom(main);
    as(w);
    const racy = asSite(4242);
    recordElement(i32, 1, WRITE, racy); // byte 4 of granule 0
    const cell = [firstCell(0), firstCell(0) + 1].find((c) => shadow.cells![c] !== 0 && cellSlot(shadow.cells![c]) === w)!;
    const value = shadow.cells![cell];
    as(main);
    expect(siteOfStamp(w, shadow.id, cell, value)).toBe(racy);
    expect(siteOfStamp(main, shadow.id, cell, value)).toBe(0); // main never stamped it
    expect(siteOfStamp(w, shadow.id, cell, value + 1)).toBe(0); // not this stamp
    // Many more stamps by w: one of them takes the entry, and the table then names nothing
    // rather than the later site.
    as(w);
    const big = new Float64Array(new SharedArrayBuffer(8 * 8 * accessSiteEntries(ctx.options.history_size)));
    for (let i = 0; i < big.length; i++) recordElement(big, i, WRITE, asSite(777));
    expect(shadow.cells![cell]).toBe(value);
    expect(siteOfStamp(w, shadow.id, cell, value)).toBe(0);
  });

  it('names the site of an atomic record from its row while the record holds that epoch', () => {
    const { i32, sab } = shared();
    const shadow = shadowOf(sab);
    const w = spawnFrom(main);
    as(w);
    // An epoch with bit 9 set: its tag fills the site word's top bit.
    const e = asEpoch(0x12ff);
    thread.epoch = e;
    thread.clock[w] = e;
    const stored = asSite(site);
    access(i32, 2, WRITE | ATOMIC);
    const row = syncRow(shadow.id, 8, 4, SyncKind.Location);
    const at = recordAt(w, row, true);
    expect(siteOfRecord(at, e)).toBe(stored);
    expect(siteOfRecord(recordAt(w, row, false), e)).toBe(0); // w never read it
    // The owner's next record of it, caught between its site and its record: the record
    // still holds e, the site word is the next one's, whose tag differs.
    thread.epoch = asEpoch(e + 1);
    thread.clock[w] = thread.epoch;
    access(i32, 2, WRITE | ATOMIC);
    expect(siteOfRecord(at, e)).toBe(0); // the record holds e + 1 now
    expect(siteOfRecord(at, e + 1)).toBe(stored + 1);
    ctx.world.syncClockTable[at] = e + 1; // as if the new record were not stored yet
    expect(siteOfRecord(at, e)).toBe(0);
  });

  it('never names the site of a stamp of another buffer that took the same entry with the same value', () => {
    // Two cells of two buffers whose hashes are equal share an entry; same thread, same epoch,
    // same bytes and kind give the same cell value, so only the exact key tells them apart.
    const K = 0x85ebca6b;
    const [idA, cellA, idB] = [1, 1, 5600];
    const cellB = (cellA ^ Math.imul(idA, K) ^ Math.imul(idB, K)) >>> 0;
    expect(entryIndex(idB, cellB)).toBe(entryIndex(idA, cellA));
    const value = packCell(thread.slot, WRITE, byteMask(4, 4), thread.epoch);
    noteSite(idA, cellA, value, asSite(501));
    expect(siteOfStamp(thread.slot, idA, cellA, value)).toBe(501);
    noteSite(idB, cellB, value, asSite(502));
    expect(siteOfStamp(thread.slot, idB, cellB, value)).toBe(502);
    expect(siteOfStamp(thread.slot, idA, cellA, value)).toBe(0);
  });
});

describe('call sites of intercepted methods', () => {
  it('finds the newest entry of a receiver past stale ones, and drops it and the newer ones', () => {
    const view = {};
    const inner = {};
    for (let i = 0; i < 20; i++) at({}, 100 + i); // calls jsrace does not intercept: a full ring
    at(view, 7);
    at({}, 8);
    at(inner, 9); // an argument's own call, made before the outer method runs
    expect(takeSite(inner)).toBe(9);
    expect(takeSite(view)).toBe(7);
    expect(takeSite(view)).toBe(NO_SITE); // taken once
    at(view, 10);
    expect(takeSite(view)).toBe(10);
  });

  it('drops the oldest entry when the ring is full, and only that one', () => {
    const first = {};
    const second = {};
    at(first, 1);
    at(second, 2);
    for (let i = 0; i < 7; i++) at({}, 50 + i); // eight newer entries in all push out `first`
    expect(takeSite(first)).toBe(NO_SITE);
    expect(takeSite(second)).toBe(2);
  });

  it('keeps the Atomics entries apart from every other receiver, undefined included', () => {
    const atomics = {};
    setAtomicsReceiver(atomics);
    at(atomics, 3); // kept as a flag, its receiver slot left undefined
    at(undefined, 4); // a call that will throw: no method on undefined
    at(atomics, 5); // an argument's own Atomics call
    expect(takeSite(atomics)).toBe(5);
    expect(takeSite({})).toBe(NO_SITE);
    expect(takeSite(undefined)).toBe(4);
    expect(takeSite(undefined)).toBe(NO_SITE);
    expect(takeSite(atomics)).toBe(3);
  });
});
