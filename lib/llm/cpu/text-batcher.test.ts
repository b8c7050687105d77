import { describe, expect, it } from 'vitest';
import { createTextBatcher } from './text-batcher';

describe('createTextBatcher', () => {
  it('posts the first text at once, then at most one post per interval, and all of the text in order', () => {
    let t = 0;
    const posts: string[] = [];
    const b = createTextBatcher((s) => posts.push(s), 30, () => t);
    for (const [at, text] of [[0, 'a'], [10, 'b'], [20, 'c'], [31, 'd'], [40, 'e'], [100, 'f'], [101, 'g']] as const) {
      t = at;
      b.push(text);
    }
    expect(posts).toEqual(['a', 'bcd', 'ef']);
    b.flush();
    expect(posts).toEqual(['a', 'bcd', 'ef', 'g']);
    b.flush(); // nothing held: nothing posted
    expect(posts.join('')).toBe('abcdefg');
    expect(posts).toHaveLength(4);
  });

  it('posts every token when tokens come slower than the interval (a big model)', () => {
    let t = 0;
    const posts: string[] = [];
    const b = createTextBatcher((s) => posts.push(s), 30, () => t);
    for (const text of ['x', 'y', 'z']) {
      t += 200;
      b.push(text);
    }
    expect(posts).toEqual(['x', 'y', 'z']);
  });
});
