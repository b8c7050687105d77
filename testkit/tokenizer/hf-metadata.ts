/**
 * Test support: GGUF-style tokenizer metadata built from a Hugging Face tokenizer.json, the way llama.cpp's
 * convert_hf_to_gguf.py does it for byte-level BPE models (tokens by id, padded with [PADn] unused tokens;
 * added tokens that are special or look like <|…|> become control tokens, the others user-defined).
 */
import type { GgufValue } from '../../lib/gguf/read';

interface HfAdded { id: number; content: string; special: boolean }
export interface HfTokenizerJson {
  model: { vocab: Record<string, number>; merges: (string | [string, string])[] };
  added_tokens: HfAdded[];
}

export const looksControl = (t: HfAdded) => t.special || /^<\|.*\|>$/.test(t.content);

export function metadataFromHf(json: HfTokenizerJson, pre: string, extra: Record<string, GgufValue> = {}): Record<string, GgufValue> {
  let size = 0;
  for (const id of Object.values(json.model.vocab)) size = Math.max(size, id + 1);
  for (const t of json.added_tokens) size = Math.max(size, t.id + 1);
  const tokens: string[] = new Array(size);
  const types = new Int32Array(size);
  for (const [text, id] of Object.entries(json.model.vocab)) { tokens[id] = text; types[id] = 1; }
  for (const t of json.added_tokens) { tokens[t.id] = t.content; types[t.id] = looksControl(t) ? 3 : 4; }
  for (let i = 0; i < size; i++) if (tokens[i] === undefined) { tokens[i] = `[PAD${i}]`; types[i] = 5; }
  const merges = json.model.merges.map((m) => (typeof m === 'string' ? m : `${m[0]} ${m[1]}`));
  return {
    'tokenizer.ggml.model': 'gpt2',
    'tokenizer.ggml.pre': pre,
    'tokenizer.ggml.tokens': tokens,
    'tokenizer.ggml.token_type': types,
    'tokenizer.ggml.merges': merges,
    ...extra,
  };
}
