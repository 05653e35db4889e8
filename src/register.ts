// `node --require jsrace/register app.js`: checks the options, boots the runtime in this
// thread and instruments every CommonJS file loaded from now on (boot.ts). Workers run it
// too (jsrace adds it to their execArgv), and there it joins the world its creator made,
// loading jsrace's modules from the pack the creator sent (module-pack.ts).
import * as path from 'path';
import { isMainThread } from 'worker_threads';
import { receivePack, requireOwn } from './module-pack';

if (!isMainThread) receivePack();
const boot = requireOwn(path.join(__dirname, 'boot.js')) as typeof import('./boot');

// For register.mjs (enableEsm, untracked) and esm-hooks.ts (the rest): the bundle's own
// instances, never a second copy of one of its modules.
export const { enableEsm, untracked, instrumentSource, shouldInstrument, loadOptions } = boot;
