// Worker threads: jsrace makes sure it runs in every worker a tracked thread creates, and
// performs the two host edges of a worker's life:
//   creation: everything the creator did before `new Worker` happens-before the worker;
//   exit:     everything the worker did happens-before the creator's 'exit' event (and
//             so before `await worker.terminate()` resolves, which waits for that event),
//             and before its 'error' event when it died of an uncaught exception.
// The worker learns its slot and the shared world from environment data set for the one
// construction only; workerData itself reaches the worker untouched.
import wt = require('worker_threads');
import { syncBuiltinESMExports } from 'module';
import * as path from 'path';
import { ctx } from './context';
import { thread } from './thread-state';
import { Slot } from './types';
import { WorldBuffers } from './world';
import { Options } from './options';
import { captureRawFrames } from './stack';
import { abandonSlot, allocateWorkerSlot, joinExitedWorker, joinWorker, setSlotThreadId } from './threads';
import { describeBuffers, transferredPorts, wrap } from './messages';
import { guard } from './warn';
import { checkSoon } from './test-runners';
import { likeOriginal } from './intrinsics';

export const BOOT_KEY = 'jsrace:boot:v1';
export const REGISTER_PATH = path.resolve(__dirname, '../src/register.js');

export interface BootData {
  world: WorldBuffers;
  slot: number; // -1: untracked
  options: Options;
  buffers: unknown[];
  /** Ports from the worker's transferList: they travel in the same message, so they arrive as the same objects. */
  ports: unknown[];
}

function hasPreload(argv: readonly string[], flag: '--require' | '--import', file: string): boolean {
  const short = flag === '--require' ? '-r' : undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = a === flag || a === short ? argv[i + 1] : a.startsWith(`${flag}=`) ? a.slice(flag.length + 1) : undefined;
    if (value === file || value === 'jsrace/register') return true;
    // `-r ./node_modules/jsrace/dist/src/register.js`: Node resolved it against the same cwd.
    if (value !== undefined && (value.startsWith('.') || path.isAbsolute(value)) && path.resolve(value) === file) return true;
  }
  return false;
}

function hasRegister(argv: readonly string[]): boolean {
  return hasPreload(argv, '--require', REGISTER_PATH) && (!esmRegister || hasPreload(argv, '--import', esmRegister));
}

/**
 * The caller's execArgv with our preloads added where missing: before the first non-option
 * (Node stops reading there; synckit passes ['']), and our --import after the caller's own
 * (a TypeScript loader's hooks must run under ours, so that we see the JavaScript it made).
 */
function addPreloads(argv: readonly string[]): string[] {
  const out = [...argv];
  let end = out.findIndex((a, i) => !a.startsWith('-') && !(i > 0 && /^(--require|-r|--import|--loader|--experimental-loader)$/.test(out[i - 1])));
  if (end < 0) end = out.length;
  if (esmRegister && !hasPreload(out, '--import', esmRegister)) {
    out.splice(end, 0, '--import', esmRegister);
  }
  if (!hasPreload(out, '--require', REGISTER_PATH)) out.unshift('--require', REGISTER_PATH);
  return out;
}

/** Flags of the main thread's execArgv that Node refused in a worker's: the next worker goes without them at once. */
let refusedFlags: readonly string[] = [];

/**
 * The worker's options with jsrace preloaded, whatever execArgv the caller gave. Ours goes
 * first: Node stops reading a worker's execArgv at the first non-option (synckit passes ['']).
 */
function withRegister(options: unknown): unknown {
  const o = (options ?? {}) as wt.WorkerOptions;
  if (typeof o !== 'object') return options;
  if (o.execArgv === undefined && hasRegister(process.execArgv)) return options;
  const execArgv = o.execArgv ?? withoutFlags(process.execArgv, refusedFlags);
  if (!Array.isArray(execArgv) || hasRegister(execArgv)) return options;
  return { ...o, execArgv: addPreloads(execArgv) };
}

/**
 * When Node refused the execArgv we built from the main thread's, the same options without
 * the flags it named; undefined when the refusal was not ours to mend (the caller's own
 * execArgv). Node refuses V8 and process-wide flags (--expose-gc, --stack-size...) in a
 * worker's execArgv, but a worker given none inherits them silently, and they apply to the
 * whole process anyway: leaving them out keeps what the program would have run with.
 */
function withoutRefusedFlags(options: unknown, error: unknown): unknown {
  const o = (options ?? {}) as wt.WorkerOptions;
  if (typeof o !== 'object' || o.execArgv !== undefined) return undefined;
  if ((error as { code?: string } | null)?.code !== 'ERR_WORKER_INVALID_EXEC_ARGV') return undefined;
  const m = /invalid execArgv flags: (.*)$/.exec(String((error as Error).message));
  if (!m) return undefined;
  refusedFlags = [...refusedFlags, ...m[1].split(', ')];
  return withRegister(options);
}

/** argv without the given flags (and the value after a flag given without `=`). */
function withoutFlags(argv: readonly string[], flags: readonly string[]): string[] {
  if (flags.length === 0) return [...argv];
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (!flags.includes(argv[i])) {
      out.push(argv[i]);
      continue;
    }
    if (!argv[i].includes('=') && i + 1 < argv.length && !argv[i + 1].startsWith('-')) i++;
  }
  return out;
}

const kSlot = Symbol('jsrace.workerSlot');

/** register.mjs, when this thread runs ES modules: its workers are given --import too. */
let esmRegister: string | undefined;
export function setEsmRegister(file: string): void {
  esmRegister = file;
}

/** Instruments the source of `eval: true` workers; set by the entry point that owns Babel. */
let instrumentEvalSource: ((code: string, name: string) => string) | undefined;
export function setEvalInstrumenter(fn: (code: string, name: string) => string): void {
  instrumentEvalSource = fn;
}
/** Runs before each worker a tracked thread starts; set by the entry point (module-pack.ts). */
let beforeWorker: (() => void) | undefined;
export function setBeforeWorker(fn: () => void): void {
  beforeWorker = fn;
}
/** The name V8 gives eval workers' code in stack frames. */
const EVAL_NAME = '[worker eval]';

export function installWorkerHook(): void {
  const OriginalWorker = wt.Worker;
  type Tracked = wt.Worker & { [kSlot]?: Slot };

  class Worker extends OriginalWorker {
    constructor(filename: string | URL, options?: wt.WorkerOptions) {
      let slot: Slot | -1 = -1;
      let boot: BootData | undefined;
      if (thread.active) {
        // Apart: a fault there only slows the worker's start, and must not leave it untracked.
        if (beforeWorker) guard('worker start-up', undefined, beforeWorker);
        guard('worker creation', undefined, () => {
          slot = allocateWorkerSlot(captureRawFrames());
          boot = {
            world: worldBuffers(), slot, options: ctx.options,
            buffers: describeBuffers(options?.workerData), ports: transferredPorts(options?.transferList),
          };
        });
      } else if (ctx.world) {
        boot = { world: worldBuffers(), slot: -1, options: ctx.options, buffers: [], ports: [] };
      }
      if (options?.eval && typeof filename === 'string' && instrumentEvalSource) {
        const source = filename;
        filename = guard('eval worker', source, () => instrumentEvalSource!(source, EVAL_NAME));
      }
      const previous = wt.getEnvironmentData(BOOT_KEY);
      if (boot) wt.setEnvironmentData(BOOT_KEY, boot as unknown as wt.Serializable);
      try {
        try {
          super(filename, withRegister(options) as wt.WorkerOptions);
        } catch (e) {
          const mended = withoutRefusedFlags(options, e);
          if (mended === undefined) throw e;
          super(filename, mended as wt.WorkerOptions); // this is still unbound: the first call threw
        }
      } catch (e) {
        if (slot !== -1) abandonSlot(slot);
        throw e;
      } finally {
        wt.setEnvironmentData(BOOT_KEY, previous as wt.Serializable);
      }
      if (slot !== -1) {
        const s: Slot = slot;
        (this as Tracked)[kSlot] = s;
        setSlotThreadId(s, this.threadId);
      }
    }

    override postMessage(...args: unknown[]): void {
      if (args.length > 0 && thread.active && (this as Tracked)[kSlot] !== undefined) {
        const envelope = guard('postMessage', undefined, () => wrap(args[0], args[1]));
        if (envelope !== undefined) args[0] = envelope;
      }
      return (OriginalWorker.prototype.postMessage as (...a: unknown[]) => void).apply(this, args);
    }

    override emit(name: string | symbol, ...args: unknown[]): boolean {
      const slot = (this as Tracked)[kSlot];
      // 'error' carries the worker's uncaught exception, posted after its last action.
      if ((name === 'exit' || name === 'error') && slot !== undefined && thread.active) {
        guard('worker exit', undefined, () => (name === 'exit' ? joinExitedWorker(slot) : joinWorker(slot)));
      }
      if (name === 'exit' || name === 'message' || name === 'error') checkSoon();
      return super.emit(name, ...args);
    }
  }

  (wt as unknown as Record<string, unknown>).Worker = likeOriginal(Worker, OriginalWorker);
  syncBuiltinESMExports();
}

function worldBuffers(): WorldBuffers {
  const { control, clocks, syncClocks, strings, stripes, accessSites, history } = ctx.world;
  return { control, clocks, syncClocks, strings, stripes, accessSites, history };
}
