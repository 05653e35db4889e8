// Kernel: the typed-array blur of no-shared-typed.js, but each pass gets its arrays as
// parameters, so nothing tells the instrumenter they are not shared: every access pays the
// inline test (a view check and a tag check).
function blurPass(src, dst, W, H) {
  for (let y = 1; y < H - 1; y++) {
    for (let x = 1; x < W - 1; x++) {
      const i = y * W + x;
      dst[i] = (src[i] * 4 + src[i - 1] + src[i + 1] + src[i - W] + src[i + W]) / 8;
    }
  }
}
function fill(a) {
  for (let i = 0; i < a.length; i++) a[i] = (i * 31) % 255;
}
function total(a) {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i];
  return sum;
}
function kernel() {
  const W = 400;
  const H = 300;
  const images = [new Float32Array(W * H), new Float32Array(W * H)];
  fill(images[0]);
  for (let pass = 0; pass < 100; pass++) blurPass(images[pass & 1], images[(pass + 1) & 1], W, H);
  return total(images[0]);
}
const t = performance.now();
const result = kernel();
console.log(JSON.stringify({ ms: performance.now() - t, rssKb: process.resourceUsage().maxRSS, result }));
