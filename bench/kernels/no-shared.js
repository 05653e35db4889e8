// Kernel: object-, array- and typed-array-heavy code that never touches shared memory.
// Prints {"ms": work time}.
function kernel() {
  const n = 200_000;
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = Math.sin(i);
  let acc = 0;
  for (let r = 0; r < 10; r++) for (let i = 1; i < n; i++) acc += f[i] * f[i - 1];
  const objs = [];
  for (let i = 0; i < n; i++) objs.push({ id: i, tags: [i & 7, i & 3], name: `o${i}` });
  const byTag = {};
  for (const o of objs) byTag[o.tags[0]] = (byTag[o.tags[0]] || 0) + o.id;
  const arr = objs.map((o) => o.id * 31 % 1009);
  arr.sort((a, b) => a - b);
  return acc + arr[arr.length >> 1] + Object.keys(byTag).length;
}
const t = performance.now();
const result = kernel();
console.log(JSON.stringify({ ms: performance.now() - t, rssKb: process.resourceUsage().maxRSS, result }));
