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
});
