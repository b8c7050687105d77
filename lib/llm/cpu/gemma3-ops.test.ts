import { describe, expect, it } from 'vitest';
import { createReferenceKernels } from './reference-kernels';
import { geluMul, scaleInPlace, windowedAttention } from './gemma3-ops';
import { createSeededRandom } from '../../random/seeded';

describe('Gemma 3 ops', () => {
  it('geluMul is the tanh-approximate GELU times up', () => {
    const k = createReferenceKernels();
    const g = k.alloc(16);
    const u = k.alloc(16);
    k.f32(g, 4).set([-3, -0.5, 1, 2]);
    k.f32(u, 4).set([1, 2, 1, -1]);
    geluMul(k, g, u, g, 4);
    // gelu_tanh(x) at -3, -0.5, 1, 2 (values of the formula, to 6 places).
    const want = [-0.003638, -0.154286 * 2, 0.841192, -1.954598];
    k.f32(g, 4).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    scaleInPlace(k, u, 4, 0.5);
    expect([...k.f32(u, 4)]).toEqual([0.5, 1, 0.5, -0.5]);
  });

  // A naive sliding-window attention, written here on its own: query at p sees keys max(0, p-window+1) … p.
  function naive(q: Float32Array, ks: Float32Array, vs: Float32Array, pos: number, nHead: number, nKv: number, hd: number, window: number) {
    const out = new Float32Array(nHead * hd);
    for (let h = 0; h < nHead; h++) {
      const kv = Math.floor(h / (nHead / nKv)) * hd;
      const from = Math.max(0, pos - window + 1);
      const s = Array.from({ length: pos + 1 - from }, (_, j) => {
        let d = 0;
        for (let i = 0; i < hd; i++) d += q[h * hd + i]! * ks[(from + j) * nKv * hd + kv + i]!;
        return d / Math.sqrt(hd);
      });
      const max = Math.max(...s);
      const e = s.map((x) => Math.exp(x - max));
      const z = e.reduce((a, b) => a + b, 0);
      for (let i = 0; i < hd; i++) out[h * hd + i] = e.reduce((a, w, j) => a + w * vs[(from + j) * nKv * hd + kv + i]!, 0) / z;
    }
    return out;
  }

  it.each([
    ['a batch inside the window', 0, 5],
    ['a batch that crosses the window\'s end', 3, 9],
    ['a batch past the window', 12, 4],
    ['one decoding token past the window', 20, 1],
  ])('windowedAttention: %s', (_name, startPos, tokens) => {
    const k = createReferenceKernels();
    const rnd = createSeededRandom(5);
    const [nHead, nKv, hd, window] = [4, 2, 8, 6];
    const positions = startPos + tokens;
    const fill = (n: number) => Float32Array.from({ length: n }, () => rnd.float() * 2 - 1);
    const kc = k.alloc(positions * nKv * hd * 4);
    const vc = k.alloc(positions * nKv * hd * 4);
    const q = k.alloc(tokens * nHead * hd * 4);
    const out = k.alloc(tokens * nHead * hd * 4);
    const [ks, vs, qs] = [fill(positions * nKv * hd), fill(positions * nKv * hd), fill(tokens * nHead * hd)];
    k.f32(kc, ks.length).set(ks);
    k.f32(vc, vs.length).set(vs);
    k.f32(q, qs.length).set(qs);
    windowedAttention(k, { q, kCache: kc, vCache: vc, out, tokens, startPos, nHead, nKvHead: nKv, headDim: hd, f16: false }, window, 4);
    const got = k.f32(out, tokens * nHead * hd);
    for (let t = 0; t < tokens; t++) {
      const want = naive(qs.subarray(t * nHead * hd), ks, vs, startPos + t, nHead, nKv, hd, window);
      want.forEach((v, i) => expect(got[t * nHead * hd + i]).toBeCloseTo(v, 5));
    }
  });
});
