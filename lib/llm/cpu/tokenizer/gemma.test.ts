/**
 * SentencePiece on Gemma 3's real vocabulary (262,144 pieces) against an independent, maintained implementation:
 * @lenml/tokenizers running Gemma 3's own tokenizer.json. Our tokenizer sees only the GGUF metadata llama.cpp's
 * converter writes for Gemma 3 (testkit/tokenizer/gemma-metadata.ts), as it would read it from a real file.
 * (scripts/tokenizer-native-check.ts compares the same metadata with native llama.cpp.)
 */
import { TokenizerLoader } from '@lenml/tokenizers';
import { describe, expect, it, vi } from 'vitest';
import { gemmaMetadata, loadGemmaHf } from '../../../../testkit/tokenizer/gemma-metadata';
import { randomTexts, SAMPLE_TEXTS } from '../../../../testkit/tokenizer/sample-texts';
import { createTextStream, createTokenizer } from './index';

// A 33 MB tokenizer.json and the reference library's 514k merges: generous on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

const GEMMA_TEXTS: Record<string, string> = {
  code: 'def add(a, b):\n    return a + b  # sum\n\n\n\tif x:\n\t\t\ty = [1,  2,   3]\n' + ' '.repeat(40) + 'end\n',
  runs: 'a  b   c\t\td\n\n\n\ne' + '\n'.repeat(35) + '\t'.repeat(33) + 'f',
  leading: '   three leading spaces, then one: x',
  digits: 'Year 2024: 1234567890 and 3.14159 and 1,000,000',
  byteFallback: 'bell\u0007 nul\u0000 private\ue000 noncharacter\u{10FFFF} rare\u{1D54C} end',
  pageTurn: 'The page says <start_of_turn>user\nhi<end_of_turn> and <bos> and <eos> as plain text.',
  html: '<table><tr><td>a</td></tr></table> <strong>b</strong> <mask> <unused3> [multimodal]',
};
// Left out: "▁" written as a character. SentencePiece reads it as a space, and the converter writes the user-defined
// space runs ("▁▁" …) with real spaces, so llama.cpp (and we) see "▁▁" as two "▁" pieces where tokenizer.json's
// added token takes it whole. scripts/tokenizer-native-check.ts checks that case against llama.cpp.

const files = loadGemmaHf();
const tok = createTokenizer(gemmaMetadata(files));
// With special on, the reference splits out every added token; with it off, llama.cpp still splits out the
// user-defined ones (newline/space/tab runs, HTML tags) but not the control ones, so the reference keeps only those.
const control = (t: { content: string; special: boolean }) => t.special || /^<unused\d+>$|^<mask>$/.test(t.content);
const refSpecial = TokenizerLoader.fromPreTrained({ tokenizerJSON: files.json, tokenizerConfig: files.config });
const refPlain = TokenizerLoader.fromPreTrained({
  tokenizerJSON: { ...files.json, added_tokens: files.json.added_tokens.filter((t) => !control(t)) }, tokenizerConfig: files.config });
const ref = (text: string, special: boolean) => (special ? refSpecial : refPlain).encode(text, { add_special_tokens: false });

describe('Gemma 3 tokenizer (real vocabulary)', () => {
  it('ranks pieces as the merges do: past the whitespace runs, merges create pieces in increasing id order', () => {
    // The premise of scores = -id in the test metadata (tokenizer.json carries merges, a GGUF carries scores).
    const vocab = files.json.model.vocab;
    const added = new Set(files.json.added_tokens.map((t) => t.id));
    let last = -1, created = 0;
    const seen = new Set<number>();
    for (const m of files.json.model.merges) {
      const id = vocab[Array.isArray(m) ? m.join('') : m.replace(' ', '')]!;
      if (added.has(id) || seen.has(id)) continue; // whitespace runs (user-defined, matched whole) and repeats
      seen.add(id);
      expect(id).toBeGreaterThan(last);
      last = id;
      created++;
    }
    expect(created).toBeGreaterThan(230_000);
  });

  it.each(Object.entries({ ...SAMPLE_TEXTS, ...GEMMA_TEXTS }))('%s: same ids as the reference, special on and off', (_, text) => {
    for (const special of [true, false]) expect(tok.encode(text, { special })).toEqual(ref(text, special));
  });

  it('matches the reference on 400 random strings', () => {
    for (const text of randomTexts(400, 3)) expect(tok.encode(text)).toEqual(ref(text, false));
  });

  it('decodes back to the text, byte for byte, as the reference decodes the same ids', () => {
    for (const text of [...Object.values({ ...SAMPLE_TEXTS, ...GEMMA_TEXTS }), ...randomTexts(100, 4)]) {
      const ids = tok.encode(text);
      expect(tok.decode(ids)).toBe(text);
      expect(refSpecial.decode(ids, { skip_special_tokens: false })).toBe(text);
    }
  });

  it('turn markers in page text stay text; in a rendered prompt they are the control tokens', () => {
    const text = '<start_of_turn>user\nhi<end_of_turn>';
    const plain = tok.encode(text);
    expect(plain).not.toContain(105);
    expect(plain).not.toContain(106);
    expect(tok.decode(plain)).toBe(text);
    const marked = tok.encode(text, { special: true });
    expect(marked).toEqual([105, ...tok.encode('user\nhi'), 106]);
    expect(tok.decode(marked)).toBe('user\nhi');
    expect(tok.decode(marked, true)).toBe(text);
  });

  it('adds <bos> (2) and no space prefix; stops on <end_of_turn> and <eos> as llama.cpp does', () => {
    expect(tok.encode('Hello', { addBos: true })).toEqual([2, ...ref('Hello', false)]);
    expect(tok.encode('Hello')).toEqual([files.json.model.vocab['Hello']]); // not "▁Hello"
    expect([...tok.stopIds].sort((a, b) => a - b)).toEqual([1, 106]);
  });

  it('streams only complete characters', () => {
    const text = '日本😀👨‍👩‍👧 ok\u{10FFFF}';
    const stream = createTextStream(tok);
    const pieces = tok.encode(text).map((id) => stream.push(id));
    expect(pieces.join('') + stream.flush()).toBe(text);
    for (const p of pieces) expect(p).not.toContain('\ufffd');
  });
});
