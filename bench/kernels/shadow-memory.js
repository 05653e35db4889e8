// Kernel: shadow memory per shared byte. Writes one Float64 element in every 8-byte granule
// of a SharedArrayBuffer of argv[2] MB. Memory of a SharedArrayBuffer (and of jsrace's
// shadow for it) is only resident once touched, so the growth of RSS over the loop is the
// buffer itself plus, under jsrace, its shadow. Run with --expose-gc: garbage collected
// before each reading keeps the heap's own ups and downs out of it.
// Prints {"ms", "grownKb", "rssKb"}.
const megabytes = Number(process.argv[2] ?? 64);
const settle = () => (globalThis.gc ? globalThis.gc() : undefined);
const a = new Float64Array(new SharedArrayBuffer(megabytes << 20));
settle();
const before = process.memoryUsage().rss;
const t = performance.now();
for (let i = 0; i < a.length; i++) a[i] = i;
const ms = performance.now() - t;
settle();
const grownKb = (process.memoryUsage().rss - before) >> 10;
console.log(JSON.stringify({ ms, grownKb, rssKb: process.resourceUsage().maxRSS }));
