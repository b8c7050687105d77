/**
 * Pre-tokenizer splits per tokenizer.ggml.pre (the qwen2 and llama-bpe ones are also covered end to end in
 * bpe.test.ts), and llama.cpp's per-model defaults read from metadata.
 */
import { describe, expect, it } from 'vitest';
import { createTokenizer, TokenizerMetadataError } from './index';
import { preTokenizerFor } from './pretokenize';
import { readVocab } from './vocab';

describe('preTokenizerFor', () => {
  it('qwen2 splits digits one by one, llama-bpe in threes', () => {
    expect(preTokenizerFor('qwen2')('x 12345')).toEqual(['x', ' ', '1', '2', '3', '4', '5']);
    expect(preTokenizerFor('llama-bpe')('x 12345')).toEqual(['x', ' ', '123', '45']);
  });

  it('smollm isolates every digit first, then applies the GPT-2 rules', () => {
    expect(preTokenizerFor('smollm')('Hello world! 123')).toEqual(['Hello', ' world', '!', ' ', '1', '2', '3']);
    expect(preTokenizerFor('smollm')("I'm  ok")).toEqual(['I', "'m", ' ', ' ok']);
  });

  it('gpt2 keeps digit runs and lower-case-only contractions', () => {
    expect(preTokenizerFor('gpt2')("x 12345 I'M")).toEqual(['x', ' 12345', ' I', "'", 'M']);
  });

  it('unknown names fall back to llama.cpp\'s default chain (punctuation first, digits in threes)', () => {
    expect(preTokenizerFor('something-new')('a+b=12345')).toEqual(['a', '+', 'b', '=', '123', '45']);
  });
});

describe('readVocab defaults', () => {
  const bpe = (extra: Record<string, unknown>) => ({ 'tokenizer.ggml.model': 'gpt2', 'tokenizer.ggml.tokens': ['a', 'b', 'ab'],
    'tokenizer.ggml.merges': ['a b'], ...extra }) as never;

  it('adds BOS for llama-bpe, not for qwen2, unless the file says otherwise', () => {
    expect(readVocab(bpe({ 'tokenizer.ggml.pre': 'llama-bpe' })).addBos).toBe(true);
    expect(readVocab(bpe({ 'tokenizer.ggml.pre': 'qwen2' })).addBos).toBe(false);
    expect(readVocab(bpe({ 'tokenizer.ggml.pre': 'qwen2', 'tokenizer.ggml.add_bos_token': true })).addBos).toBe(true);
    expect(readVocab(bpe({ 'tokenizer.ggml.pre': 'llama-bpe', 'tokenizer.ggml.add_bos_token': false })).addBos).toBe(false);
  });

  it('merges by rank', () => {
    const tok = createTokenizer(bpe({ 'tokenizer.ggml.pre': 'qwen2', 'tokenizer.ggml.bos_token_id': 0 }));
    expect(tok.encode('ab')).toEqual([2]);
    expect(tok.encode('ba')).toEqual([1, 0]);
  });

  it('treats end-of-turn tokens typed as normal text as control, as llama.cpp does, but not a text "</s>"', () => {
    const md = bpe({ 'tokenizer.ggml.tokens': ['a', 'b', 'ab', '<|im_end|>', '</s>'], 'tokenizer.ggml.pre': 'qwen2',
      'tokenizer.ggml.token_type': Int32Array.of(1, 1, 1, 1, 1), 'tokenizer.ggml.eos_token_id': 2 });
    const v = readVocab(md);
    expect([...v.stopIds].sort()).toEqual([2, 3]);
    expect(v.types[3]).toBe(3);
    expect(v.types[4]).toBe(1);
    expect((md as Record<string, Int32Array>)['tokenizer.ggml.token_type']![3]).toBe(1); // metadata untouched
  });

  it('gives no tokens for empty text, SentencePiece included', () => {
    const spm = createTokenizer({ 'tokenizer.ggml.model': 'llama', 'tokenizer.ggml.tokens': ['<unk>', '<s>', '</s>', '\u2581'],
      'tokenizer.ggml.scores': Float32Array.of(0, 0, 0, 1), 'tokenizer.ggml.token_type': Int32Array.of(2, 3, 3, 1) });
    expect(spm.encode('')).toEqual([]);
    expect(spm.encode('', { addBos: true })).toEqual([1]);
    expect(spm.encode(' ')).toEqual([3, 3]);
  });

  it('rejects files it cannot tokenize with TokenizerMetadataError', () => {
    expect(() => readVocab({ 'tokenizer.ggml.model': 'bert', 'tokenizer.ggml.tokens': ['a'] })).toThrow(TokenizerMetadataError);
    expect(() => readVocab({ 'tokenizer.ggml.model': 'gpt2' })).toThrow(TokenizerMetadataError);
    expect(() => readVocab(bpe({ 'tokenizer.ggml.merges': undefined }))).toThrow(TokenizerMetadataError);
  });
});
