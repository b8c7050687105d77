import { describe, expect, it } from 'vitest';
import { findChunkEnd, splitByChars } from './chunk';

describe('findChunkEnd and splitByChars', () => {
  const text = 'First paragraph. It has two sentences.\n\nSecond paragraph, longer, with clauses; and more words here.\nA line.';
  it('prefers a paragraph break, then a sentence, then a word', () => {
    expect(text.slice(0, findChunkEnd(text, 0, 60))).toBe('First paragraph. It has two sentences.\n\n');
    expect(text.slice(0, findChunkEnd(text, 0, 30))).toBe('First paragraph. ');
    expect(findChunkEnd('abcdefghij', 0, 4)).toBe(4);
    expect(findChunkEnd(text, 0, 10_000)).toBe(text.length);
  });
  it('loses and repeats nothing, and respects the size', () => {
    for (const size of [1, 7, 25, 50, 200]) {
      const parts = splitByChars(text, size);
      expect(parts.join('')).toBe(text);
      for (const p of parts) expect(p.length).toBeLessThanOrEqual(size);
    }
  });
  it('never splits a surrogate pair', () => {
    const emoji = '😀😀😀😀';
    const parts = splitByChars(emoji, 3);
    expect(parts.join('')).toBe(emoji);
    for (const p of parts) expect(p).toMatch(/^(😀)+$/u);
  });
});
