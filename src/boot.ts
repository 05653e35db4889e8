// What register.ts loads: checks the options, boots the runtime in this thread and
// instruments every CommonJS file loaded from now on. In a worker it joins the world its
// creator made.
//
// The build (package.json) bundles this file with the runtime and the src/ modules it
// imports into dist/src/boot.js, leaving out module-pack (register.js's instance) and the
// instrumenter (loaded on first use). In one scope a call between runtime modules is a
// direct call, not a load from another module's exports object (an inline-cache call until
// TurboFan's code arrives), and top-level bindings lose their TDZ checks: callgrind counted
// 10% fewer instructions per SPSC item and per order-cache iteration, also once warm.
import { isMainThread } from 'worker_threads';
import { OptionsError, parseOptions, Options } from '../runtime/options';
import { start } from '../runtime';
import { ctx } from '../runtime/context';
import { cachedMap, installRequireHook, instrumentSource, shouldInstrument } from './require-hook';
import { loadOptions } from './config';
import { setBeforeWorker, setEvalInstrumenter, setEsmRegister } from '../runtime/workers';
import { setMapLoader } from '../runtime/source-maps';
import { sharePack } from './module-pack';
import { untracked } from '../runtime/buffers';

// register.mjs and the module pack take `untracked` from here: this file is bundled with the
// runtime (package.json's build), so a require of dist/runtime/buffers.js would load a
// second copy of it, whose flag the hooks never read.
export { untracked };

// esm-hooks.ts takes these from here (through register.ts) on a loader thread.
export { instrumentSource, shouldInstrument, loadOptions };

function readOptions(): Options {
  try {
    // Only the main thread reads config files: workers take the world's options.
    return loadOptions();
  } catch (e) {
    if (e instanceof OptionsError) {
      process.stderr.write(`jsrace: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

const options = isMainThread ? readOptions() : parseOptions('');
if (start(options)) {
  installRequireHook(ctx.options.include, ctx.options.exclude);
  setEvalInstrumenter(instrumentSource);
  setMapLoader(cachedMap);
  setBeforeWorker(() => sharePack(untracked));
}

/** Called by register.mjs: this thread runs ES modules, so the workers it starts get the hooks too. */
export function enableEsm(registerMjs: string): void {
  setEsmRegister(registerMjs);
}
