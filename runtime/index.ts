// The runtime's front door: boots this thread (creating the world in a root thread, joining
// it in a worker jsrace created), installs the hooks, and exposes the shims instrumented
// code calls through `globalThis.__jsrace__`.
import wt = require('worker_threads');
import { ctx } from './context';
import { thread } from './thread-state';
import { A } from './intrinsics';
import { World, attachWorld, createWorld, isWorldBuffers, H_RACES } from './world';
import { Options } from './options';
import { bootMainThread, setSlotThreadId } from './threads';
import { installBufferHook, markInternal } from './buffers';
import { atomicCalls, installAtomics } from './atomics';
import { installMethodHooks, copySource } from './methods';
import { at } from './call-site';
import { attachAccessSites, accessSitesBytes } from './access-sites';
import { attachHistory, callEnd, callStart, frames, historyBytes } from './history';
import { installPortHooks } from './ports';
import { BOOT_KEY, BootData, installWorkerHook } from './workers';
import { adoptBuffers, markCapable } from './messages';
import { formatSummary, write } from './report';
import { setHaltHandler } from './race';
import { UNSHARED, element, isView, mayBeShared, readKey, strictShims, sloppyShims } from './access';
import { registerFile } from './sites';
import { rememberMap } from './source-maps';
import { asSlot } from './types';
import { warn } from './warn';
import { inTestRunner, installNodeTestHook, takeNewReports } from './test-runners';

export const RUNTIME_GLOBAL = '__jsrace__';

/** What instrumented code reaches through globalThis.__jsrace__. */
export const api = {
  element,
  isView,
  UNSHARED,
  mayBeShared,
  readKey,
  target: strictShims.target,
  targetSloppy: sloppyShims.target,
  at,
  atomicCalls,
  copySource,
  /** This thread's stack of call sites, which instrumented code writes (history.ts). */
  stack: frames,
  /** An empty spread that passes no argument: where a call's site goes when it takes none (plugin.ts). */
  noArgs: Object.freeze([]) as readonly never[],
  callStart,
  callEnd,
  registerFile,
  rememberMap,
  takeNewReports,
};
export type RuntimeApi = typeof api;

let started = false;

/** Boots the runtime in this thread once. Returns false if it was already running. */
export function start(options: Options): boolean {
  if (started) return false;
  started = true;
  const g = globalThis as Record<string, unknown>;
  g[RUNTIME_GLOBAL] = api;

  const boot = wt.isMainThread ? undefined : (wt.getEnvironmentData(BOOT_KEY) as BootData | undefined);
  if (boot !== undefined) wt.setEnvironmentData(BOOT_KEY, undefined as unknown as wt.Serializable);
  let root = false;
  let world: World;
  if (boot && isWorldBuffers(boot.world)) {
    world = attachWorld(boot.world);
    ctx.attach(world, boot.options);
    if (boot.slot >= 0) {
      thread.adopt(world, asSlot(boot.slot), wt.threadId, false);
      setSlotThreadId(thread.slot, wt.threadId); // its creator writes it too, maybe later
      markCapable(wt.parentPort);
      adoptBuffers(boot.buffers);
      for (const port of boot.ports ?? []) if (typeof port === 'object' && port) markCapable(port);
    }
  } else {
    // The main thread, or a worker whose creator does not run jsrace: a root of its own.
    root = true;
    world = createWorld(historyBytes(options.history_size), accessSitesBytes(options.history_size));
    ctx.attach(world, options);
    bootMainThread(wt.threadId);
    thread.adopt(world, asSlot(0), wt.threadId, wt.isMainThread);
  }

  for (const sab of [world.control, world.clocks, world.syncClocks, world.strings, world.stripes, world.accessSites, world.history]) if (sab) markInternal(sab);
  if (thread.active) attachAccessSites(world.accessSites, ctx.options.history_size);
  if (thread.active && process.env.JSRACE_HISTORY !== '0') attachHistory(world.history, ctx.options.history_size);
  installBufferHook();
  installAtomics();
  installMethodHooks();
  installPortHooks();
  installWorkerHook();
  if (root) installRootExit(world);
  else installHaltRelay();
  if (root && inTestRunner() === 'node-test') installNodeTestHook();
  return true;
}

const HALT_CHANNEL = `jsrace:halt:${process.pid}`;

function summarize(world: World): number {
  const races = A.load(world.header, H_RACES);
  if (races > 0) write(formatSummary(races));
  return races;
}

/** The root thread prints the summary and turns a clean exit into `exitcode` when races were found. */
function installRootExit(world: World): void {
  let summarized = false;
  process.on('exit', (code) => {
    if (summarized) return;
    summarized = true;
    try {
      // Under Vitest the failed tests say it; the test worker's own status is Vitest's business.
      if (summarize(world) > 0 && code === 0 && inTestRunner() !== 'vitest') process.exitCode = ctx.options.exitcode;
    } catch (e) {
      warn(`could not print the summary: ${(e as Error)?.message}`);
    }
  });
  const finish = () => {
    summarized = true;
    summarize(world);
    process.exit(ctx.options.exitcode);
  };
  setHaltHandler(finish);
  if (ctx.options.halt_on_error && typeof BroadcastChannel === 'function') {
    const channel = new BroadcastChannel(HALT_CHANNEL);
    channel.onmessage = finish;
    (channel as unknown as { unref(): void }).unref();
  }
}

/** In a worker, halt_on_error asks the root thread to end the program, then stops this thread. */
function installHaltRelay(): void {
  setHaltHandler(() => {
    const channel = new BroadcastChannel(HALT_CHANNEL);
    channel.postMessage('halt');
    channel.close();
    process.exit(ctx.options.exitcode);
  });
}
