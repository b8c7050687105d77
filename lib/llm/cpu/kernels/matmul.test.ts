import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GgmlType as T, type Kernels, type Matrix } from '../kernel-api';
import { createNodeKernels } from './node-kernels';
import { createRandom, dequantize, expectedMatmul as oracle, f16ToF32, randomTensor } from './oracle';

const exact = new Set<number>([T.F32, T.F16, T.BF16]);
const types: [string, number][] = [
  ['F32', T.F32], ['F16', T.F16], ['BF16', T.BF16], ['Q8_0', T.Q8_0], ['Q4_0', T.Q4_0], ['Q4_1', T.Q4_1],
  ['Q5_0', T.Q5_0], ['Q5_1', T.Q5_1], ['Q4_K', T.Q4_K], ['Q5_K', T.Q5_K], ['Q6_K', T.Q6_K],
];
// rows × cols × tokens: odd rows (not a multiple of the 2-row tile), odd token counts (not a multiple of 4).
// A prompt batch too: 64 tokens, and 7 (neither a multiple of a 2-, 3- or 4-token tile).
const shapes: [number, number, number][] = [[7, 256, 1], [33, 512, 5], [64, 256, 17], [3, 256, 2], [130, 256, 4], [600, 256, 5], [9, 256, 7], [66, 256, 64]];

const pools: Record<number, Kernels> = {};
beforeAll(async () => {
  pools[1] = await createNodeKernels(1);
  pools[2] = await createNodeKernels(2);
});
afterAll(() => Object.values(pools).forEach((k) => k.dispose()));

describe('matmul against the GGUF block formulas', { timeout: 30_000 }, () => {
  for (const [name, type] of types)
    for (const threads of [1, 2])
      it(`${name}, ${threads} thread(s)`, () => {
        const k = pools[threads]!;
        const rnd = createRandom(type * 100 + threads);
        // F32-family matrices take any column count (a scalar tail after the 4-lane loop).
        for (const [rows, cols, tokens] of exact.has(type) ? [...shapes, [5, 67, 3] as const] : shapes) {
          const data = randomTensor(type, rows, cols, rnd);
          const w = dequantize(type, data, rows * cols);
          const m = k.loadMatrix(type, data, rows, cols);
          const xs = Float32Array.from({ length: tokens * cols }, () => rnd() * 2 - 1);
          const x = k.alloc(xs.length * 4);
          k.f32(x, xs.length).set(xs);
          const out = k.alloc(rows * tokens * 4);
          k.matmul(m, x, tokens, out);
          const got = k.f32(out, rows * tokens);
          const { ref, tol } = oracle(type, w, xs, rows, cols, tokens);
          for (let i = 0; i < ref.length; i++)
            if (!(Math.abs(got[i]! - ref[i]!) <= tol[i]!))
              expect.fail(`${name} ${rows}x${cols}x${tokens} out[${i}] = ${got[i]}, expected ${ref[i]} ± ${tol[i]}`);
          // The embedding lookup reads the same layout.
          const row = k.alloc(cols * 4);
          k.getRow(m, rows - 1, row);
          const got1 = k.f32(row, cols);
          for (let c = 0; c < cols; c++) {
            const e = w[(rows - 1) * cols + c]!;
            const bm = type === T.Q6_K ? Math.max(...w.subarray((rows - 1) * cols + (c & ~31), (rows - 1) * cols + (c & ~31) + 32).map(Math.abs)) : 0;
            if (!(Math.abs(got1[c]! - e) <= Math.abs(e) * 2e-7 + bm / 254 * 1.001 + 1e-30)) expect.fail(`${name} getRow[${c}] = ${got1[c]}, expected ${e}`);
          }
        }
      });
});

describe('matmuls: one input through several matrices', () => {
  // Parts of one kind and width share a quantization and a job (up to 3); a part of another kind runs on its own.
  const sets: [string, number[], number][] = [['Q4_0 q/k/v', [T.Q4_0, T.Q4_0, T.Q4_0], 32], ['Q8_0 gate/up', [T.Q8_0, T.Q8_0], 32],
    ['Q4_K, Q4_K, Q6_K (Q4_K_M\'s mix)', [T.Q4_K, T.Q4_K, T.Q6_K], 256], ['four Q4_1', [T.Q4_1, T.Q4_1, T.Q4_1, T.Q4_1], 32]];
  for (const [name, types, block] of sets)
    for (const threads of [1, 2])
      it(`writes what one matmul per matrix writes, bit for bit: ${name}, ${threads} thread(s)`, () => {
        const k = pools[threads]!;
        const rnd = createRandom(types.length * 31 + threads);
        const cols = block * 2, rowsOf = [130, 9, 66, 20];
        for (const tokens of [1, 5, 17, 64]) {
          const ms = types.map((type, i) => k.loadMatrix(type, randomTensor(type, rowsOf[i]!, cols, rnd), rowsOf[i]!, cols));
          const x = k.alloc(tokens * cols * 4);
          k.f32(x, tokens * cols).set(Float32Array.from({ length: tokens * cols }, () => rnd() * 2 - 1));
          const one = ms.map((m) => k.alloc(m.rows * tokens * 4)), many = ms.map((m) => k.alloc(m.rows * tokens * 4));
          ms.forEach((m, i) => k.matmul(m, x, tokens, one[i]!));
          k.matmuls(ms, x, tokens, many);
          ms.forEach((m, i) => expect(Array.from(k.f32(many[i]!, m.rows * tokens))).toEqual(Array.from(k.f32(one[i]!, m.rows * tokens))));
        }
      });
});

describe('memory past 2 GB', { timeout: 30_000 }, () => {
  it('loads and multiplies at offsets above 2^31', async () => {
    const k = await createNodeKernels(2);
    try {
      expect(k.alloc(2 ** 31 + 48)).toBeLessThan(2 ** 31);
      const rnd = createRandom(5), rows = 9, cols = 64, tokens = 3;
      const data = randomTensor(T.Q8_0, rows, cols, rnd), w = dequantize(T.Q8_0, data, rows * cols);
      const m = k.loadMatrix(T.Q8_0, data, rows, cols);
      const xs = Float32Array.from({ length: tokens * cols }, () => rnd() * 2 - 1);
      const x = k.alloc(xs.length * 4), out = k.alloc(rows * tokens * 4);
      expect(x).toBeGreaterThan(2 ** 31);
      k.f32(x, xs.length).set(xs);
      k.matmul(m, x, tokens, out);
      const { ref, tol } = oracle(T.Q8_0, w, xs, rows, cols, tokens);
      const got = k.f32(out, rows * tokens);
      for (let i = 0; i < ref.length; i++) expect(Math.abs(got[i]! - ref[i]!)).toBeLessThanOrEqual(tol[i]!);
    } finally {
      k.dispose();
    }
  });
});

describe('threads after a failure', { timeout: 30_000 }, () => {
  it('a matmul that faults throws, and the pool still works', () => {
    const k = pools[2]!;
    const rnd = createRandom(11), rows = 64, cols = 64;
    const data = randomTensor(T.Q8_0, rows, cols, rnd);
    const m = k.loadMatrix(T.Q8_0, data, rows, cols);
    const x = k.alloc(cols * 4), out = k.alloc(rows * 4);
    k.f32(x, cols).fill(0.5);
    // A matrix whose weights point past the end of memory: every thread's share faults.
    expect(() => k.matmul({ ...m, q: 0xfff00000 } as Matrix, x, 1, out)).toThrow();
    k.matmul(m, x, 1, out);
    const w = dequantize(T.Q8_0, data, rows * cols);
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let c = 0; c < cols; c++) s += w[r * cols + c]! * 0.5;
      expect(k.f32(out, rows)[r]).toBeCloseTo(s, 2); // the activation scale is fp16 (as llama.cpp's)
    }
  });
});

// Real wasm kernels with their threads (here and above): up to 6.2 s seen on 2 cores shared with other work (timed out at the default 5 s).
describe('loadMatrix', { timeout: 30_000 }, () => {
  it('converts every F16 bit pattern (subnormals, infinities, NaN) exactly', () => {
    const k = pools[1]!;
    const bits = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const got = k.f32(k.loadVector(T.F16, new Uint8Array(bits.buffer), bits.length), bits.length);
    for (let i = 0; i < 65536; i++) {
      const want = f16ToF32(i);
      if (!(Object.is(got[i], want) || (Number.isNaN(want) && Number.isNaN(got[i])))) expect.fail(`f16 ${i.toString(16)} → ${got[i]}, expected ${want}`);
    }
  });

  // Q4_1: 2,560 bytes a row, so the staging buffer holds 1,638 rows and splits a 4-row group of nibbles between two
  // repack jobs (rows 1,636…1,639).
  for (const [name, type, rows, cols, at] of [['Q8_0', T.Q8_0, 4100, 1024, [0, 3855, 3856, 4099]], ['Q4_1', T.Q4_1, 3301, 4096, [0, 1637, 1638, 1639, 3300]]] as const)
    it(`streams a tensor larger than its 4 MB staging buffer (rows land in the right place), ${name}`, () => {
      const k = pools[2]!;
      const rnd = createRandom(99);
      const data = randomTensor(type, rows, cols, rnd);
      const m = k.loadMatrix(type, data, rows, cols);
      const w = dequantize(type, data, rows * cols);
      const out = k.alloc(cols * 4);
      for (const r of at) {
        k.getRow(m, r, out);
        const got = k.f32(out, cols);
        for (let c = 0; c < cols; c++) {
          const e = w[r * cols + c]!;
          if (!(Math.abs(got[c]! - e) <= Math.abs(e) * 2e-7 + 1e-30)) expect.fail(`row ${r}[${c}] = ${got[c]}, expected ${e}`);
        }
      }
    });

  it('refuses what it cannot hold', () => {
    const k = pools[1]!;
    expect(k.supports(T.Q2_K)).toBe(false);
    expect(() => k.loadMatrix(T.Q2_K, new Uint8Array(84), 1, 256)).toThrow(/type/);
    expect(() => k.loadMatrix(T.Q4_K, new Uint8Array(144), 1, 128)).toThrow(/columns/);
    expect(() => k.loadMatrix(T.Q8_0, new Uint8Array(30), 1, 32)).toThrow(/bytes/);
  });
});
