/**
 * SentencePiece ("llama") tokenization on the test suite's tiny model, read from a real GGUF file, plus a check
 * against a deliberately naive re-implementation of the merge rule (best score first, leftmost on ties) on random text.
 */
import { describe, expect, it } from 'vitest';
import { makeTinyLlamaGguf, TINY_WORDS } from '../../../../testkit/models/tiny-llama-gguf';
import { readGgufHeader } from '../../../gguf/read';
import { createTextStream, createTokenizer } from './index';
import { randomTexts } from '../../../../testkit/tokenizer/sample-texts';

const metadata = readGgufHeader(new Uint8Array(makeTinyLlamaGguf())).metadata;
const tokens = metadata['tokenizer.ggml.tokens'] as string[];
const scores = metadata['tokenizer.ggml.scores'] as Float32Array;
const id = (t: string) => tokens.indexOf(t);
const tok = createTokenizer(metadata);

/** O(n²) SentencePiece BPE: merge the best-scoring adjacent pair until none is a token, then bytes for leftovers. */
function naiveSpm(text: string): number[] {
  const syms = [...(' ' + text).replaceAll(' ', '\u2581')];
  for (;;) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i + 1 < syms.length; i++) {
      const t = id(syms[i]! + syms[i + 1]!);
      if (t >= 0 && scores[t]! > bestScore) { best = i; bestScore = scores[t]!; }
    }
    if (best < 0) break;
    syms.splice(best, 2, syms[best]! + syms[best + 1]!);
  }
  return syms.flatMap((s) => (id(s) >= 0 ? [id(s)]
    : [...new TextEncoder().encode(s)].map((b) => id(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`))));
}

describe('SentencePiece tokenizer (tiny llama GGUF)', () => {
  it('writes "one two three" as ▁one ▁two ▁three, after BOS when asked', () => {
    const words = [id('\u2581one'), id('\u2581two'), id('\u2581three')];
    expect(words.every((w) => w > 2)).toBe(true);
    expect(tok.encode('one two three')).toEqual(words);
    expect(tok.encode('one two three', { addBos: true })).toEqual([1, ...words]);
    expect(tok.bosId).toBe(1);
    expect(tok.stopIds.has(2)).toBe(true);
    expect(tok.stopIds.has(1)).toBe(false);
  });

  it('falls back to <0xNN> byte tokens and decodes them back to the text', () => {
    const ids = tok.encode('Hi 😀');
    expect(ids).toContain(id('<0x48>'));
    expect(ids.filter((x) => x >= 3 && x < 259)).toHaveLength(5); // H and the four bytes of the emoji
    expect(tok.decode(ids)).toBe(' Hi 😀');
    const stream = createTextStream(tok);
    const pieces = ids.map((x) => stream.push(x));
    expect(pieces.join('')).toBe(' Hi 😀');
    expect(pieces.some((p) => p.includes('\ufffd'))).toBe(false);
  });

  it('splits out special tokens only when asked, with a space after each as llama.cpp does', () => {
    expect(tok.encode('<s>one', { special: true })).toEqual([1, id('\u2581one')]);
    const plain = tok.encode('<s>one');
    expect(plain).not.toContain(1);
    expect(plain).toContain(id('<0x3C>'));
    expect(tok.decode([1, id('\u2581one')])).toBe(' one');
    expect(tok.decode([1, id('\u2581one')], true)).toBe('<s> one');
  });

  it('agrees with a naive implementation of the merge rule on random text', () => {
    const texts = [...randomTexts(300, 11), ...TINY_WORDS.map((w) => `${w}  ${w}s, ${w}!`)];
    for (const text of texts) expect(tok.encode(text)).toEqual(naiveSpm(text));
  });
});
