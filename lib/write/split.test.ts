import { describe, expect, it } from 'vitest';
import { splitToFit } from './split';

// A stand-in tokenizer: one token per 2 characters (about what the tiny test model makes).
const count = async (t: string) => Math.ceil(t.length / 2);

describe('splitToFit', () => {
  it('keeps a text that fits whole', async () => {
    expect(await splitToFit('Short text.', 100, count)).toEqual(['Short text.']);
  });

  it('cuts at paragraph breaks, each part within the budget, losing nothing', async () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => `Paragraph ${i} says something about the garden and its paths.`);
    const text = paragraphs.join('\n\n');
    const parts = await splitToFit(text, 40, count);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(await count(p)).toBeLessThanOrEqual(40);
    expect(parts[0]!.endsWith('\n\n')).toBe(true);
  });

  it('splits even a text with no breaks at all', async () => {
    const text = 'x'.repeat(1000);
    const parts = await splitToFit(text, 50, count);
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(await count(p)).toBeLessThanOrEqual(50);
  });

  it('refuses a budget with no room', async () => {
    await expect(splitToFit('text', 0, count)).rejects.toThrow(RangeError);
  });
});
