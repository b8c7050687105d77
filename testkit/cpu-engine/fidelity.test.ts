import { describe, expect, it } from 'vitest';
import { argmax, comparePosition, entropy, klDivergence, logProbsFromMap, logSoftmax, PROBABILITY_FLOOR, summarize } from './fidelity';

const log = (ps: number[]) => ps.map(Math.log);

describe('fidelity arithmetic', () => {
  it('log-softmax gives log-probabilities that sum to one and ignore a shift of the logits', () => {
    const lp = logSoftmax([1, 2, 3]);
    expect([...lp].reduce((a, v) => a + Math.exp(v), 0)).toBeCloseTo(1, 12);
    expect(lp[2]! - lp[0]!).toBeCloseTo(2, 12);
    expect([...logSoftmax([1001, 1002, 1003])]).toEqual([...lp].map((v) => expect.closeTo(v, 9)));
  });

  it('KL is zero for equal distributions and matches a hand-worked pair', () => {
    expect(klDivergence(log([0.5, 0.5]), log([0.5, 0.5]))).toBe(0);
    // 0.5·ln(0.5/0.25) + 0.5·ln(0.5/0.75) = 0.5·ln 2 + 0.5·ln(2/3)
    expect(klDivergence(log([0.5, 0.5]), log([0.25, 0.75]))).toBeCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(2 / 3), 12);
    // Not symmetric: KL(q‖p) differs.
    expect(klDivergence(log([0.25, 0.75]), log([0.5, 0.5]))).toBeCloseTo(0.25 * Math.log(0.5) + 0.75 * Math.log(1.5), 12);
    expect(() => klDivergence([0], [0, 0])).toThrow(RangeError);
  });

  it('reads a probability map with missing and zero tokens at the floor', () => {
    const lp = logProbsFromMap(new Map([[1, 0.9], [2, 0]]), 4);
    expect(lp[1]).toBeCloseTo(Math.log(0.9), 12);
    expect(lp[0]).toBe(Math.log(PROBABILITY_FLOOR));
    expect(lp[2]).toBe(Math.log(PROBABILITY_FLOOR));
    // A reference that puts 0.1 on a token the runner dropped: that term is 0.1·(ln 0.1 − ln floor), large.
    expect(klDivergence(log([0.1, 0.9, 1e-300, 1e-300]), lp)).toBeGreaterThan(0.1 * (Math.log(0.1) + 80));
  });

  it('entropy, argmax and top-1 agreement', () => {
    expect(entropy(log([0.25, 0.25, 0.25, 0.25]))).toBeCloseTo(Math.log(4), 12);
    expect(argmax([0.1, 0.7, 0.7, 0.2])).toBe(1);
    expect(comparePosition(5, log([0.2, 0.8]), log([0.6, 0.4]))).toMatchObject({ position: 5, top1: false });
    expect(comparePosition(5, log([0.2, 0.8]), log([0.4, 0.6])).top1).toBe(true);
  });

  it('summarizes mean, max, top-1 share and buckets of positions', () => {
    const rows = [0.1, 0.3, 0.2, 0.6, 0.4].map((kl, i) => ({ position: 10 + i, kl, top1: i !== 3 }));
    const s = summarize(rows, 2);
    expect(s.positions).toBe(5);
    expect(s.meanKl).toBeCloseTo(0.32, 12);
    expect(s.maxKl).toBe(0.6);
    expect(s.top1).toBeCloseTo(0.8, 12);
    expect(s.buckets.map(([a, b, k, t]) => [a, b, +k.toFixed(6), t])).toEqual([[10, 11, 0.2, 1], [12, 13, 0.4, 0.5], [14, 14, 0.4, 1]]);
    expect(() => summarize([], 2)).toThrow(RangeError);
  });
});
