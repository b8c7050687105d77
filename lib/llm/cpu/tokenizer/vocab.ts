/**
 * A model's vocabulary as llama.cpp reads it from GGUF metadata (tokenizer.ggml.*): token texts and types, scores
 * (SentencePiece) or merges (byte-level BPE), the special ids and llama.cpp's per-model defaults where keys are absent.
 */
import type { GgufValue } from '../../../gguf/read';

/** tokenizer.ggml.token_type values (llama.cpp's llama_token_type). */
export const TokenType = { Normal: 1, Unknown: 2, Control: 3, UserDefined: 4, Unused: 5, Byte: 6 } as const;

export class TokenizerMetadataError extends Error {}

export interface Vocab {
  kind: 'spm' | 'bpe';
  /** tokenizer.ggml.pre (bpe only), '' when absent. */
  pre: string;
  tokens: string[];
  types: Int32Array;
  scores: ArrayLike<number> | null;
  ids: Map<string, number>;
  /** "left right" → merge rank (bpe only). */
  ranks: Map<string, number>;
  bosId: number | null;
  eosId: number | null;
  unkId: number | null;
  addBos: boolean;
  addSpacePrefix: boolean;
  /** llama-bpe and friends: a pre-tokenized word that is itself a token skips the merges. */
  ignoreMerges: boolean;
  stopIds: Set<number>;
}

/**
 * Token texts that end a turn in some chat format, from llama.cpp's end-of-generation list. Left out on purpose:
 * "</s>" (llama.cpp lists it for PaddleOCR, which makes the ordinary text token "</s>" of Qwen's vocabulary a stop
 * and a control token; SentencePiece vocabularies already type their </s> as control and name it eos).
 */
const END_OF_TURN_TEXTS = ['<|eot_id|>', '<|im_end|>', '<|end|>', '<end_of_turn>', '<|endoftext|>', '<|eom_id|>',
  '<EOT>', '_<EOT>', '<|end_of_text|>', '<end_of_utterance>', '<|return|>', '<|call|>', '[EOT]', '[EOS]',
  // Gemma's <eos> (1) stops generation in llama.cpp even where a Gemma 3 instruct file names <end_of_turn> its eos.
  '<eos>', '<turn|>', '<|tool_response>'];

const LLAMA3_LIKE = new Set(['llama3', 'llama-v3', 'llama-bpe', 'falcon3', 'pixtral']);

/** Whether prompts start with BOS: the file's add_bos_token, else llama.cpp's default for the tokenizer type. */
export function wantsBos(md: Record<string, GgufValue>): boolean {
  const v = md['tokenizer.ggml.add_bos_token'];
  if (v !== undefined) return Boolean(v);
  return md['tokenizer.ggml.model'] === 'llama' || LLAMA3_LIKE.has(String(md['tokenizer.ggml.pre'] ?? ''));
}

export function readVocab(md: Record<string, GgufValue>): Vocab {
  const model = md['tokenizer.ggml.model'];
  const tokens = md['tokenizer.ggml.tokens'];
  if (!Array.isArray(tokens) || typeof tokens[0] !== 'string') {
    throw new TokenizerMetadataError('The model file has no tokenizer.ggml.tokens list.');
  }
  if (model !== 'gpt2' && model !== 'llama') {
    throw new TokenizerMetadataError(`Tokenizer model "${String(model)}" is not supported (only "gpt2" and "llama").`);
  }
  const kind = model === 'gpt2' ? 'bpe' : 'spm';
  const texts = tokens as string[];
  // A copy: end-of-turn tokens may be retyped below, and the metadata must stay as the file has it.
  const given = md['tokenizer.ggml.token_type'] as ArrayLike<number> | undefined;
  const types = given ? Int32Array.from(given) : new Int32Array(texts.length).fill(TokenType.Normal);
  const scores = (md['tokenizer.ggml.scores'] as ArrayLike<number> | undefined) ?? null;
  if (types.length !== texts.length) throw new TokenizerMetadataError('token_type and tokens differ in length.');
  if (kind === 'spm' && (!scores || scores.length !== texts.length)) {
    throw new TokenizerMetadataError('A SentencePiece ("llama") vocabulary needs one score per token.');
  }

  const ids = new Map<string, number>();
  // Later duplicates do not replace earlier ids (llama.cpp keeps the last; duplicates only occur in padding tokens).
  texts.forEach((t, i) => { if (!ids.has(t)) ids.set(t, i); });

  const ranks = new Map<string, number>();
  if (kind === 'bpe') {
    const merges = md['tokenizer.ggml.merges'];
    if (!Array.isArray(merges)) throw new TokenizerMetadataError('A gpt2 vocabulary needs tokenizer.ggml.merges.');
    for (let r = 0; r < merges.length; r++) {
      const m = merges[r] as string;
      if (!ranks.has(m)) ranks.set(m, r);
    }
  }

  const pre = kind === 'bpe' ? String(md['tokenizer.ggml.pre'] ?? '') : '';
  const id = (key: string, fallback: number | null): number | null => {
    const v = md[`tokenizer.ggml.${key}`];
    const n = v === undefined ? fallback : Number(v);
    return n === null || n < 0 || n >= texts.length ? null : n;
  };
  // llama.cpp's defaults when the ids are absent: SPM <unk>=0 <s>=1 </s>=2, BPE uses 11 for both.
  const bosId = id('bos_token_id', kind === 'spm' ? 1 : 11);
  const eosId = id('eos_token_id', kind === 'spm' ? 2 : 11);
  const unkId = id('unknown_token_id', kind === 'spm' ? 0 : null);
  const bool = (key: string, fallback: boolean) => {
    const v = md[`tokenizer.ggml.${key}`];
    return v === undefined ? fallback : Boolean(v);
  };
  const addBos = wantsBos(md);
  const addSpacePrefix = bool('add_space_prefix', kind === 'spm');

  const stopIds = new Set<number>();
  for (const t of END_OF_TURN_TEXTS) {
    const i = ids.get(t);
    if (i === undefined) continue;
    stopIds.add(i);
    // llama.cpp retypes these as control when a converter left them normal, so they tokenize and print as markup.
    types[i] = TokenType.Control;
  }
  for (const key of ['eos_token_id', 'eot_token_id', 'eom_token_id']) {
    const i = id(key, key === 'eos_token_id' ? eosId : null);
    if (i !== null) stopIds.add(i);
  }

  return { kind, pre, tokens: texts, types, scores, ids, ranks, bosId, eosId, unkId, addBos, addSpacePrefix,
    ignoreMerges: LLAMA3_LIKE.has(pre) || pre === 'tekken', stopIds };
}
