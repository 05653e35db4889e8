// Kernel: shadow memory per shared byte. Memory of a SharedArrayBuffer (and of jsrace's
// shadow for it) is only resident once touched, so the growth of RSS while a program writes
// every 8-byte granule of a fresh buffer of argv[2] MB is the buffer itself plus, under
// jsrace, its shadow. A first, smaller buffer is written the same way beforehand, so that
// everything else a run touches (code, caches, the per-thread tables) is already resident;
// run with --expose-gc so that the heap is collected before each reading.
// Prints {"ms", "grownKb", "rssKb"}.
const megabytes = Number(process.argv[2] ?? 64);
const settle = () => (globalThis.gc ? globalThis.gc() : undefined);
function fill(a) {
  for (let i = 0; i < a.length; i++) a[i] = i;
}
fill(new Float64Array(new SharedArrayBuffer(8 << 20)));
const a = new Float64Array(new SharedArrayBuffer(megabytes << 20));
settle();
const before = process.memoryUsage().rss;
const t = performance.now();
fill(a);
const ms = performance.now() - t;
settle();
const grownKb = (process.memoryUsage().rss - before) >> 10;
console.log(JSON.stringify({ ms, grownKb, rssKb: process.resourceUsage().maxRSS }));
