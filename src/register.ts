// `node --require jsrace/register app.js`: checks the options, boots the runtime in this
// thread and instruments every CommonJS file loaded from now on (boot.ts). Workers run it
// too (jsrace adds it to their execArgv), and there it joins the world its creator made,
// loading jsrace's modules from the pack the creator sent (module-pack.ts).
import * as path from 'path';
import { isMainThread } from 'worker_threads';
import { receivePack, requireOwn } from './module-pack';

if (!isMainThread) receivePack();
const boot = requireOwn(path.join(__dirname, 'boot.js')) as typeof import('./boot');

/** Called by register.mjs: this thread runs ES modules, so the workers it starts get the hooks too. */
export const enableEsm: (registerMjs: string) => void = boot.enableEsm;
/** Called by register.mjs: runs `fn` with the buffers it makes marked as jsrace's own. */
export const untracked: <T>(fn: () => T) => T = boot.untracked;
