// Kernel: typed-array-heavy code that never touches shared memory (a blur over a plain
// Float32Array image, 100 passes: long enough that JIT warm-up is not the measure).
function kernel() {
  const W = 400;
  const H = 300;
  let src = new Float32Array(W * H);
  let dst = new Float32Array(W * H);
  for (let i = 0; i < src.length; i++) src[i] = (i * 31) % 255;
  for (let pass = 0; pass < 100; pass++) {
    for (let y = 1; y < H - 1; y++) {
      for (let x = 1; x < W - 1; x++) {
        const i = y * W + x;
        dst[i] = (src[i] * 4 + src[i - 1] + src[i + 1] + src[i - W] + src[i + W]) / 8;
      }
    }
    const t = src;
    src = dst;
    dst = t;
  }
  let sum = 0;
  for (let i = 0; i < src.length; i++) sum += src[i];
  return sum;
}
const t = performance.now();
const result = kernel();
console.log(JSON.stringify({ ms: performance.now() - t, rssKb: process.resourceUsage().maxRSS, result }));
