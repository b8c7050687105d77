/**
 * The one seeded pseudo-random generator (mulberry32): the same numbers for the same seed on every run, for the
 * device measurement's weights, the test models, the kernels' test data, sample texts and synthetic poses. Not for
 * anything that must be unpredictable.
 */
export function createSeededRandom(seed: number) {
  let s = seed | 0;
  const u32 = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    /** A whole number in [0, 2^32). */
    u32,
    /** A number in [0, 1). */
    float: () => u32() / 4294967296,
    /** Fill `out` with whole numbers in [0, 2^32) (bulk random bytes through a Uint32Array view). */
    fill(out: Uint32Array) {
      for (let i = 0; i < out.length; i++) out[i] = u32();
    },
  };
}

export type SeededRandom = ReturnType<typeof createSeededRandom>;

/** A function giving numbers in [0, 1) from `seed` (the shape Math.random has). */
export const seededRandom = (seed: number): (() => number) => createSeededRandom(seed).float;
