// `node --import jsrace/register app.mjs`: the same runtime as --require (CommonJS files keep
// their require hook), plus Node's module hooks that instrument ES modules.
import { createRequire, register } from 'node:module';

const require = createRequire(import.meta.url);
const { enableEsm, untracked } = require('../dist/src/register.js');
enableEsm(new URL('./register.mjs', import.meta.url).pathname);
// Node's hooks machinery makes a SharedArrayBuffer of its own here: not the program's memory.
untracked(() => register('../dist/src/esm-hooks.js', import.meta.url));
