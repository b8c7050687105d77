import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKernelsPage } from '../../../../testkit/cpu-engine/browser-kernels-page';

// The relaxed SIMD build runs only in Chromium here (Node 20's relaxed SIMD is an old draft): in a real page, it must
// be the build chosen, and its matmuls must equal the SIMD128 build's (checked against the GGUF formulas in
// matmul.test.ts) to f32 rounding — the integer dots are exact in both, only the order of the f32 sums differs.
let page: Page, close: () => Promise<void>;
beforeAll(async () => ({ page, close } = await openKernelsPage()), 60_000);
afterAll(() => close?.());

const types: [string, number][] = [['Q8_0', 8], ['Q4_0', 2], ['Q4_1', 3], ['Q5_0', 6], ['Q5_1', 7], ['Q4_K', 12], ['Q5_K', 13], ['Q6_K', 14]];
const shapes: [number, number, number][] = [[7, 256, 1], [33, 512, 5], [64, 256, 17], [130, 256, 4], [9, 64, 3]];

describe('kernels-relaxed.wasm in Chromium', () => {
  it('is the build a cross-origin-isolated Chromium page picks', async () => {
    expect(await page.evaluate(() => [crossOriginIsolated, (window as any).H.bestKernelsBuild()])).toEqual([true, 'relaxed']);
  });

  // One thread: a page's main thread cannot Atomics.wait for helpers (row splitting is the same C in both builds and
  // tested with threads in matmul.test.ts).
  it('matmuls equal the SIMD128 build on every quantized type', async () => {
    const threads = 1;
    const worst = await page.evaluate(
      async ({ types, shapes, threads }) => {
        const w = window as any, H = w.H;
        const make = (bytes: Uint8Array<ArrayBuffer>) =>
          H.createWasmKernels({ module: new WebAssembly.Module(bytes), threads, spawnThread: () => new Worker(w.H_THREAD) });
        const [a, b] = [await make(w.H_WASM.relaxed), await make(w.H_WASM.simd128)];
        const report: string[] = [];
        let worst = 0;
        for (const [name, type] of types)
          for (const [rows, cols, tokens] of shapes) {
            if (cols % (type >= 10 ? 256 : 32)) continue;
            const rnd = H.createRandom(type * 1000 + rows);
            const data: Uint8Array = H.randomTensor(type, rows, cols, rnd);
            // Q8_0 weights of −128 (ggml's quantizer never writes them) are clamped by the relaxed build: none here.
            if (type === 8) for (let i = 0; i < data.length; i++) if (i % 34 >= 2 && data[i] === 0x80) data[i] = 0x81;
            const xs = Float32Array.from({ length: tokens * cols }, () => rnd() * 2 - 1);
            const outs = [a, b].map((k) => {
              const m = k.loadMatrix(type, data, rows, cols);
              const x = k.alloc(xs.length * 4), out = k.alloc(rows * tokens * 4);
              k.f32(x, xs.length).set(xs);
              k.matmul(m, x, tokens, out);
              return k.f32(out, rows * tokens).slice() as Float32Array;
            });
            const scale = Math.max(1e-30, ...outs[1]!.map(Math.abs));
            for (let i = 0; i < outs[0]!.length; i++) {
              const e = Math.abs(outs[0]![i]! - outs[1]![i]!) / scale;
              if (e > worst) worst = e;
              if (!(e <= 1e-4)) report.push(`${name} ${rows}x${cols}x${tokens} [${i}]: ${outs[0]![i]} vs ${outs[1]![i]}`);
            }
          }
        a.dispose();
        b.dispose();
        return { worst, report: report.slice(0, 5) };
      },
      { types, shapes, threads },
    );
    expect(worst.report).toEqual([]);
    expect(worst.worst).toBeLessThan(1e-4);
  }, 60_000);

  // Its attention fuses multiply and add (relaxed madd): equal to the SIMD128 build's to f32 rounding, over f32 and
  // fp16 caches, a short batch and one spanning several blocks of the cache.
  it('attention equals the SIMD128 build, f32 and fp16 caches', async () => {
    const worst = await page.evaluate(async () => {
      const w = window as any, H = w.H;
      const make = (bytes: Uint8Array<ArrayBuffer>) =>
        H.createWasmKernels({ module: new WebAssembly.Module(bytes), threads: 1, spawnThread: () => new Worker(w.H_THREAD) });
      const [a, b] = [await make(w.H_WASM.relaxed), await make(w.H_WASM.simd128)];
      let worst = 0;
      for (const [tokens, start, hd] of [[5, 7, 64], [3, 150, 72]] as const)
        for (const f16 of [false, true]) {
          const nHead = 6, nKv = 2, kvw = nKv * hd, ctx = start + tokens, rnd = H.createRandom(start + hd);
          const vals = (n: number) => Float32Array.from({ length: n }, () => rnd() * 2 - 1);
          const q = vals(tokens * nHead * hd), kc = vals(ctx * kvw), vc = vals(ctx * kvw);
          const outs = [a, b].map((k) => {
            const put = (xs: Float32Array) => {
              const p = k.alloc(xs.length * 4);
              k.f32(p, xs.length).set(xs);
              if (!f16) return p;
              const h = k.alloc(xs.length * 2 + 4);
              k.storeF16(p, h, xs.length);
              return h;
            };
            const qp = k.alloc(q.length * 4), out = k.alloc(q.length * 4);
            k.f32(qp, q.length).set(q);
            k.attention(qp, put(kc), put(vc), out, tokens, start, nHead, nKv, hd, f16);
            return k.f32(out, q.length).slice() as Float32Array;
          });
          for (let i = 0; i < q.length; i++) worst = Math.max(worst, Math.abs(outs[0]![i]! - outs[1]![i]!) / (1 + Math.abs(outs[1]![i]!)));
        }
      a.dispose();
      b.dispose();
      return worst;
    });
    expect(worst).toBeLessThan(1e-5);
  }, 60_000);
});
