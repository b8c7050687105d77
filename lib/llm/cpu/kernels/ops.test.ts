import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kernels, RopeParams } from '../kernel-api';
import { createNodeKernels } from './node-kernels';
import { createRandom } from './oracle';

const pools: Record<number, Kernels> = {};
beforeAll(async () => {
  pools[1] = await createNodeKernels(1);
  pools[2] = await createNodeKernels(2);
});
afterAll(() => Object.values(pools).forEach((k) => k.dispose()));

const rnd = createRandom(7);
const randoms = (n: number, scale = 1) => Float32Array.from({ length: n }, () => (rnd() * 2 - 1) * scale);
function put(k: Kernels, v: Float32Array | Int32Array): number {
  const p = k.alloc(v.length * 4);
  (v instanceof Int32Array ? k.i32(p, v.length) : k.f32(p, v.length)).set(v as never);
  return p;
}
function expectClose(got: Float32Array, want: ArrayLike<number>, rel: number, what: string) {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < got.length; i++)
    if (!(Math.abs(got[i]! - want[i]!) <= rel * (1 + Math.abs(want[i]!)))) expect.fail(`${what}[${i}] = ${got[i]}, expected ${want[i]}`);
}

describe('f32 ops against naive JS', () => {
  it('siluMul split across threads (a prompt batch: chunks of 8,192 values, a partial last one, in place)', () => {
    const k = pools[2]!;
    const n = 4 * 8192 + 103, g = randoms(n, 6), u = randoms(n);
    const gp = put(k, g);
    k.siluMul(gp, put(k, u), gp, n);
    expectClose(k.f32(gp, n), Array.from(g, (v, i) => (v / (1 + Math.exp(-v))) * u[i]!), 2e-6, 'siluMul');
  });

  it('rmsNorm (in place, n not a multiple of 4), addBias, add, siluMul', () => {
    const k = pools[1]!;
    const tokens = 3, n = 70, eps = 1e-5;
    const xs = randoms(tokens * n, 3), w = randoms(n), b = randoms(n);
    const x = put(k, xs), wp = put(k, w);
    k.rmsNorm(x, wp, x, tokens, n, eps);
    const want = new Float64Array(tokens * n);
    for (let t = 0; t < tokens; t++) {
      let ss = 0;
      for (let i = 0; i < n; i++) ss += xs[t * n + i]! ** 2;
      for (let i = 0; i < n; i++) want[t * n + i] = (xs[t * n + i]! / Math.sqrt(ss / n + eps)) * w[i]!;
    }
    expectClose(k.f32(x, tokens * n), want, 1e-5, 'rmsNorm');
    const y = put(k, xs);
    k.addBias(y, put(k, b), tokens, n);
    expectClose(k.f32(y, tokens * n), Array.from(xs, (v, i) => v + b[i % n]!), 1e-6, 'addBias');
    const g = randoms(103, 12), u = randoms(103, 2);
    const gp = put(k, g), out = k.alloc(103 * 4);
    k.add(gp, put(k, u), out, 103);
    expectClose(k.f32(out, 103), Array.from(g, (v, i) => v + u[i]!), 1e-6, 'add');
    k.siluMul(gp, put(k, u), gp, 103);
    expectClose(k.f32(gp, 103), Array.from(g, (v, i) => (v / (1 + Math.exp(-v))) * u[i]!), 2e-6, 'siluMul');
  });

  for (const mode of ['norm', 'neox'] as const)
    it(`rope (${mode}, partial dims, freq factors)`, () => {
      const k = pools[1]!;
      const tokens = 3, heads = 2, hd = 16;
      const pos = new Int32Array([0, 5, 1000]);
      for (const p of [
        { theta: 10000, mode, dims: hd },
        { theta: 500000, mode, dims: 8, freqFactors: Float32Array.from({ length: 4 }, (_, i) => 1 + i) },
      ] as RopeParams[]) {
        const xs = randoms(tokens * heads * hd);
        const x = put(k, xs);
        k.rope(x, tokens, heads, hd, put(k, pos), p);
        const want = Float64Array.from(xs);
        for (let t = 0; t < tokens; t++)
          for (let h = 0; h < heads; h++)
            for (let i = 0; i < p.dims / 2; i++) {
              const o = (t * heads + h) * hd;
              const [a, b] = mode === 'norm' ? [o + 2 * i, o + 2 * i + 1] : [o + i, o + i + p.dims / 2];
              const th = (pos[t]! * Math.pow(p.theta, (-2 * i) / p.dims)) / (p.freqFactors?.[i] ?? 1);
              want[a] = xs[a]! * Math.cos(th) - xs[b]! * Math.sin(th);
              want[b] = xs[a]! * Math.sin(th) + xs[b]! * Math.cos(th);
            }
        expectClose(k.f32(x, xs.length), want, 1e-5, `rope ${mode} dims ${p.dims}`);
      }
    });

  // Head size 72: the register-tiled dims, then the 4-wide tail; 8: the tail only. A prompt batch runs a KV head's
  // group of query heads per chunk (ops.c attention_group: one block of 64 positions, or three with a ragged end);
  // one token on two threads a head per chunk (attention_head).
  const shapes = [
    { tokens: 5, start: 7, nHead: 6, nKv: 2 },
    { tokens: 3, start: 150, nHead: 6, nKv: 2 },
    { tokens: 1, start: 20, nHead: 4, nKv: 1 },
  ];
  for (const threads of [1, 2])
    for (const hd of [8, 72])
    for (const { tokens, start, nHead, nKv } of shapes)
    it(`attention: causal, grouped KV heads, ${tokens} token(s) after ${start}, head size ${hd}, ${threads} thread(s)`, () => {
      const k = pools[threads]!;
      const ctx = start + tokens, kvw = nKv * hd;
      const q = randoms(tokens * nHead * hd, 2), kc = randoms(ctx * kvw, 2), vc = randoms(ctx * kvw);
      const out = k.alloc(q.length * 4);
      k.attention(put(k, q), put(k, kc), put(k, vc), out, tokens, start, nHead, nKv, hd);
      const want = new Float64Array(q.length);
      for (let t = 0; t < tokens; t++)
        for (let h = 0; h < nHead; h++) {
          const kvh = Math.floor(h / (nHead / nKv)), n = start + t + 1;
          const s = Array.from({ length: n }, (_, p) => {
            let d = 0;
            for (let i = 0; i < hd; i++) d += q[(t * nHead + h) * hd + i]! * kc[p * kvw + kvh * hd + i]!;
            return d / Math.sqrt(hd);
          });
          const mx = Math.max(...s), e = s.map((v) => Math.exp(v - mx)), sum = e.reduce((a, b) => a + b);
          for (let i = 0; i < hd; i++)
            want[(t * nHead + h) * hd + i] = e.reduce((a, ep, p) => a + (ep / sum) * vc[p * kvw + kvh * hd + i]!, 0);
        }
      expectClose(k.f32(out, q.length), want, 2e-6, 'attention');
    });
});
