import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { GgmlType as T } from '../kernel-api';
import { openKernelsPage } from '../../../../testkit/cpu-engine/browser-kernels-page';
import { createRandom, dequantize, expectedMatmul, randomTensor } from './oracle';

// The relaxed build's batch paths (gemm-relaxed.h: int8 weights, groups of 4 tokens, 4-row tiles; gemm-u4.h: nibble
// weights, 4 rows × up to 8 tokens from a copied chunk of blocks) run only
// in Chromium: every quantized layout against the GGUF formulas, with row counts and batch sizes that leave partial
// tiles and a partial last group, on 1 and 2 threads (helpers split the rows; only a worker may wait for them).
let page: Page, close: () => Promise<void>;
beforeAll(async () => ({ page, close } = await openKernelsPage()), 60_000);
afterAll(() => close?.());

const types: [string, number][] = [
  ['Q8_0', T.Q8_0], ['Q4_0', T.Q4_0], ['Q4_1', T.Q4_1], ['Q5_0', T.Q5_0], ['Q5_1', T.Q5_1], ['Q4_K', T.Q4_K], ['Q5_K', T.Q5_K], ['Q6_K', T.Q6_K],
];
// rows × cols × tokens: 1 token (decoding), 2, 3, 5, 7, 9, 11, 13 and 64 tokens; 1, 3, 5, 6, 9, 67, 130 rows; 2,304
// columns: more blocks than gemm-u4.h copies at once (its later chunks add to what the first wrote).
const shapes: [number, number, number][] = [[9, 256, 1], [5, 256, 2], [3, 256, 3], [67, 256, 5], [1, 512, 7], [130, 256, 9], [9, 256, 13], [33, 256, 64], [6, 2304, 11]];

interface Case { type: number; rows: number; cols: number; tokens: number; data: number[]; xs: number[] }

/** Run the cases' matmuls with the relaxed build in a worker of the page; returns each case's outputs. */
async function runInWorker(cases: Case[], threads: number): Promise<number[][]> {
  return page.evaluate(
    ({ cases, threads }) => {
      const w = window as any;
      const body = `self.onmessage = async (e) => {
        const { cases, threads, wasm, thread } = e.data;
        const k = await H.createWasmKernels({ module: new WebAssembly.Module(wasm), threads, spawnThread: () => new Worker(thread) });
        const outs = cases.map((c) => {
          const m = k.loadMatrix(c.type, Uint8Array.from(c.data), c.rows, c.cols);
          const x = k.alloc(c.xs.length * 4), out = k.alloc(c.rows * c.tokens * 4);
          k.f32(x, c.xs.length).set(c.xs);
          k.matmul(m, x, c.tokens, out);
          return Array.from(k.f32(out, c.rows * c.tokens));
        });
        k.dispose();
        self.postMessage(outs);
      };`;
      const worker = new Worker(URL.createObjectURL(new Blob([w.H_SRC, '\n', body], { type: 'text/javascript' })));
      return new Promise<number[][]>((resolve, reject) => {
        worker.onmessage = (e) => (worker.terminate(), resolve(e.data));
        worker.onerror = (e) => reject(new Error(e.message));
        worker.postMessage({ cases, threads, wasm: w.H_WASM.relaxed, thread: w.H_THREAD });
      });
    },
    { cases, threads },
  );
}

describe('kernels-relaxed.wasm batch matmuls in Chromium', () => {
  for (const threads of [1, 2])
    it(`match the GGUF block formulas on every quantized type, ${threads} thread(s)`, async () => {
      const cases: (Case & { name: string })[] = [];
      for (const [name, type] of types)
        for (const [rows, cols, tokens] of shapes) {
          const rnd = createRandom(type * 7919 + rows * 31 + tokens + threads);
          const data = randomTensor(type, rows, cols, rnd);
          // Q8_0 weights of −128 (ggml's quantizer never writes them) are clamped by the relaxed build: none here.
          if (type === T.Q8_0) for (let i = 0; i < data.length; i++) if (i % 34 >= 2 && data[i] === 0x80) data[i] = 0x81;
          const xs = Array.from({ length: tokens * cols }, () => rnd() * 2 - 1);
          cases.push({ name, type, rows, cols, tokens, data: Array.from(data), xs });
        }
      const outs = await runInWorker(cases, threads);
      const bad: string[] = [];
      cases.forEach((c, n) => {
        const w = dequantize(c.type, Uint8Array.from(c.data), c.rows * c.cols);
        const { ref, tol } = expectedMatmul(c.type, w, Float32Array.from(c.xs), c.rows, c.cols, c.tokens);
        const got = outs[n]!;
        for (let i = 0; i < ref.length; i++)
          if (!(Math.abs(got[i]! - ref[i]!) <= tol[i]!)) bad.push(`${c.name} ${c.rows}x${c.cols}x${c.tokens} out[${i}] = ${got[i]}, expected ${ref[i]} ± ${tol[i]}`);
      });
      expect(bad.slice(0, 5)).toEqual([]);
    }, 120_000);
});
