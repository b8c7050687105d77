import { describe, expect, it } from 'vitest';
import { argmax, sampleToken } from './sampler';
import { seededRandom } from '../../random/seeded';

const logits = () => Float32Array.from([1, 5, 3, 4.9, -2]);
const counts = (o: Parameters<typeof sampleToken>[2], history: number[] = [], n = 2000) => {
  const random = seededRandom(1);
  const c = new Array(5).fill(0);
  for (let i = 0; i < n; i++) c[sampleToken(logits(), history, { ...o, random })]++;
  return c;
};

describe('sampleToken', () => {
  it('is the plain argmax at temperature 0, whatever the history', () => {
    expect(sampleToken(logits(), [1, 1, 1], { temperature: 0 })).toBe(1);
    expect(argmax(logits())).toBe(1);
  });

  it('keeps only the top k', () => {
    const c = counts({ temperature: 1, topK: 2, topP: 1, minP: 0, repeatPenalty: 1 });
    expect(c[0] + c[2] + c[4]).toBe(0);
    expect(c[1]).toBeGreaterThan(800);
    expect(c[3]).toBeGreaterThan(800);
  });

  it('cuts the tail with top-p and min-p', () => {
    expect(counts({ temperature: 1, topK: 0, topP: 0.4, minP: 0, repeatPenalty: 1 })).toEqual([0, 2000, 0, 0, 0]);
    const c = counts({ temperature: 1, topK: 0, topP: 1, minP: 0.1, repeatPenalty: 1 });
    expect(c[0] + c[4]).toBe(0);
    expect(c[2]).toBeGreaterThan(0);
  });

  it('penalizes recent tokens', () => {
    const c = counts({ temperature: 1, topK: 2, topP: 1, minP: 0, repeatPenalty: 2 }, [1]);
    expect(c[3]).toBeGreaterThan(c[1] * 5);
  });

  it('sharpens at low temperature', () => {
    const hot = counts({ temperature: 2, topK: 0, topP: 1, minP: 0, repeatPenalty: 1 });
    const cold = counts({ temperature: 0.1, topK: 0, topP: 1, minP: 0, repeatPenalty: 1 });
    expect(cold[2]).toBe(0);
    expect(hot[2]).toBeGreaterThan(0);
  });

  // The same draw as a plain full sort of every id by its penalized logit (ties: the lower id first), on a real
  // vocabulary's size: sampleToken passes most ids over without a penalty lookup (sampler.ts topValues).
  const reference = (logits: Float32Array, history: number[], o: { temperature: number; topK: number; topP: number; minP: number; repeatPenalty: number }, r: number) => {
    const v = Float64Array.from(logits);
    for (const id of new Set(history)) v[id] = logits[id]! > 0 ? logits[id]! / o.repeatPenalty : logits[id]! * o.repeatPenalty;
    const ids = Array.from(v.keys()).sort((a, b) => v[b]! - v[a]! || a - b).slice(0, o.topK > 0 ? o.topK : v.length);
    const p = ids.map((id) => Math.exp((v[id]! - v[ids[0]!]!) / o.temperature));
    const sum = p.reduce((a, b) => a + b, 0);
    const probs = p.map((x) => x / sum);
    let keep = probs.findIndex((x) => x < o.minP * probs[0]!);
    if (keep < 0) keep = probs.length;
    let acc = 0;
    for (let i = 0; i < keep; i++) if ((acc += probs[i]!) >= o.topP) { keep = i + 1; break; }
    let left = r * probs.slice(0, keep).reduce((a, b) => a + b, 0);
    for (let i = 0; i < keep; i++) if ((left -= probs[i]!) < 0) return ids[i]!;
    return ids[keep - 1]!;
  };

  for (const [vocab, topK, repeatPenalty] of [[151_936, 40, 1.1], [151_936, 40, 0.8], [3_000, 0, 1.1]] as const)
    it(`draws what a full sort gives: ${vocab} tokens, top-k ${topK || 'off'}, penalty ${repeatPenalty}`, () => {
      const rnd = seededRandom(vocab + topK);
      const o = { temperature: 0.7, topK, topP: 0.95, minP: 0.05, repeatPenalty };
      for (let draw = 0; draw < 20; draw++) {
        // Peaked logits, a few ties, and a history holding the best ids (so the penalty changes the order).
        const logits = Float32Array.from({ length: vocab }, () => Math.round(rnd() * 40) / 4);
        const best = Array.from(logits.keys()).sort((a, b) => logits[b]! - logits[a]!).slice(0, 8);
        const history = [...best, ...Array.from({ length: 40 }, () => Math.floor(rnd() * vocab))];
        const r = rnd();
        expect(sampleToken(logits, history, { ...o, random: () => r })).toBe(reference(logits, history, o, r));
      }
    });
});
