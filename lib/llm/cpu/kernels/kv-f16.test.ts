import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kernels } from '../kernel-api';
import { createNodeKernels } from './node-kernels';
import { createReferenceKernels } from '../reference-kernels';
import { createRandom } from './oracle';
import { f16ToF32, f32ToF16 } from '../dequant';

// The fp16 KV cache: keys and values rounded to fp16 as they are written (storeF16), read back by attention.
const pools: Record<number, Kernels> = {};
beforeAll(async () => {
  pools[1] = await createNodeKernels(1);
  pools[2] = await createNodeKernels(2);
});
afterAll(() => Object.values(pools).forEach((k) => k.dispose()));

const rnd = createRandom(3);
const randoms = (n: number, scale = 1) => Float32Array.from({ length: n }, () => (rnd() * 2 - 1) * scale);
const put = (k: Kernels, v: Float32Array) => {
  const p = k.alloc(v.length * 4);
  k.f32(p, v.length).set(v);
  return p;
};
/** fp16 bits of `v` by the kernels' storeF16. */
function storeF16(k: Kernels, v: Float32Array): Uint16Array {
  const out = k.alloc(v.length * 2 + 4);
  k.storeF16(put(k, v), out, v.length);
  return new Uint16Array(k.f32(out, Math.ceil(v.length / 2)).slice().buffer, 0, v.length);
}

describe('f32 → fp16 rounding', () => {
  it('rounds to nearest, ties to even, with subnormals, overflow and signs, in JS as in the known bits', () => {
    const cases: [number, number][] = [
      [0, 0], [-0, 0x8000], [1, 0x3c00], [-2, 0xc000], [65504, 0x7bff], [65519, 0x7bff], [65520, 0x7c00], [1e9, 0x7c00],
      [2 ** -24, 0x0001], [2 ** -25, 0x0000], [3 * 2 ** -25, 0x0002], [2 ** -14, 0x0400], [1 + 2 ** -11, 0x3c00],
      [1 + 3 * 2 ** -11, 0x3c02], [0.1, 0x2e66], [-Infinity, 0xfc00],
    ];
    for (const [f, bits] of cases) expect(f32ToF16(f), `${f}`).toBe(bits);
  });

  it('the wasm kernels and the JS reference give the same bits for every kind of value', () => {
    const values = Float32Array.from({ length: 20_000 }, (_, i) => (rnd() * 2 - 1) * 2 ** ((i % 44) - 28));
    const want = Uint16Array.from(values, (v) => f32ToF16(v));
    expect(storeF16(pools[1]!, values)).toEqual(want);
    expect(storeF16(createReferenceKernels(), values)).toEqual(want);
    // What goes in comes back within fp16's precision (2^-11 relative) for normal values.
    values.forEach((v, i) => Math.abs(v) > 2 ** -14 && expect(Math.abs(f16ToF32(want[i]!)! - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11));
  });
});

describe('attention over an fp16 cache', () => {
  // A prompt batch (a KV head's group per chunk, converting each block of the cache once), a long one (several
  // blocks, a ragged end) and one token on two threads (a head per chunk).
  const shapes = [
    { tokens: 5, start: 9, nHead: 4, nKv: 2 },
    { tokens: 2, start: 140, nHead: 4, nKv: 2 },
    { tokens: 1, start: 30, nHead: 4, nKv: 1 },
  ];
  for (const threads of [1, 2])
    for (const hd of [8, 64])
      for (const { tokens, start, nHead, nKv } of shapes)
      it(`matches attention over the same values in f32, ${tokens} token(s) after ${start}, head size ${hd}, ${threads} thread(s), and the reference`, () => {
        const k = pools[threads]!;
        const ctx = start + tokens, kvw = nKv * hd;
        const q = randoms(tokens * nHead * hd, 2), kc = randoms(ctx * kvw, 2), vc = randoms(ctx * kvw);
        // The f32 run reads the values fp16 keeps: the two must then agree to f32 rounding.
        const k16 = storeF16(k, kc), v16 = storeF16(k, vc);
        const kRounded = Float32Array.from(k16, (h) => f16ToF32(h)!), vRounded = Float32Array.from(v16, (h) => f16ToF32(h)!);
        const run = (kernels: Kernels, f16: boolean) => {
          const out = kernels.alloc(q.length * 4);
          const cache = (vals: Float32Array, bits: Uint16Array) => {
            if (!f16) return put(kernels, vals);
            const p = kernels.alloc(bits.length * 2 + 4);
            const view = kernels.f32(p, Math.ceil(bits.length / 2));
            new Uint16Array(view.buffer, view.byteOffset, bits.length).set(bits);
            return p;
          };
          kernels.attention(put(kernels, q), cache(kRounded, k16), cache(vRounded, v16), out, tokens, start, nHead, nKv, hd, f16);
          return kernels.f32(out, q.length).slice();
        };
        const want = run(k, false);
        const got = run(k, true);
        const ref = run(createReferenceKernels(), true);
        got.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(2e-6 * (1 + Math.abs(want[i]!))));
        ref.forEach((r, i) => expect(Math.abs(r - want[i]!)).toBeLessThanOrEqual(2e-5 * (1 + Math.abs(want[i]!))));
      });
});
