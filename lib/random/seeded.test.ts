import { describe, expect, it } from 'vitest';
import { createSeededRandom, seededRandom } from './seeded';

describe('createSeededRandom', () => {
  it('gives the same numbers for the same seed and others for another seed', () => {
    const a = seededRandom(42), b = seededRandom(42), c = seededRandom(43);
    const xs = Array.from({ length: 8 }, a);
    expect(Array.from({ length: 8 }, b)).toEqual(xs);
    expect(Array.from({ length: 8 }, c)).not.toEqual(xs);
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const r = seededRandom(7);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = r();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)]++;
    }
    for (const n of buckets) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });

  it('fills a buffer with the stream u32 gives', () => {
    const out = new Uint32Array(4);
    createSeededRandom(5).fill(out);
    const r = createSeededRandom(5);
    expect([...out]).toEqual([r.u32(), r.u32(), r.u32(), r.u32()]);
  });
});
