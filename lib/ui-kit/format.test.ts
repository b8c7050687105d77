import { describe, expect, it } from 'vitest';
import { contextInWords, formatBytes } from './format';

describe('format', () => {
  it('says how much a model reads at once in words, not tokens', () => {
    expect(contextInWords(512)).toBe('reads ~380 words at a time');
    expect(contextInWords(4096)).toBe('reads ~3,100 words at a time');
    expect(contextInWords(32768)).toBe('reads ~25,000 words at a time');
    expect(contextInWords(100)).toBe('reads ~75 words at a time');
  });

  it('sizes for people', () => {
    expect(formatBytes(386 * 2 ** 20)).toBe('386 MB');
    expect(formatBytes(1.5 * 2 ** 20)).toBe('1.5 MB');
  });
});
