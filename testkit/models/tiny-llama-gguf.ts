// Writes a tiny llama-architecture GGUF (v3, all F32) with an SPM ("llama") tokenizer, for tests and benchmarks.
// Design: a "successor" model. Word tokens form a chain
//   ▁one -> ▁two -> ... -> ▁twenty -> </s>
// and every other token (bytes, prefixes, BOS) maps to ▁one.
// token_embd rows are random unit vectors; output.weight row v = SCALE * E[pred(v)], so the
// residual stream of the last token makes argmax = successor. Attention/FFN weights are small
// seeded random values (so the whole llama graph really runs) and don't change the argmax.
// Greedy output after "one two three" is exactly " four five ... twenty" then </s>.
// The chat template joins message contents with nothing between them, so a one-message chat
// "one two three" gives the same answer as the raw completion.
//
// `echo: true` makes a model whose answer depends on the text it reads, so a test can tell which text reached it.
// Its words (TINY_ECHO_WORDS, amber … lilac) get one embedding dimension each, and one attention head in
// layer 0 is written by hand: from a non-word token it looks only at word tokens, the earlier a word stands
// in the list the harder (score gaps of ~15), and copies that word into the residual. So after a prompt that
// ends in a non-word (every summary prompt ends with its instruction), the greedy answer continues the chain
// after the earliest-listed chain word anywhere in the prompt ("… saw dahlia here …" → " ember fennel … lilac"),
// and starts at the first word when there is none. A word counts when SentencePiece makes it a token of its own:
// after a space (" dahlia"), not after a line break. testkit/models/tiny-expected.ts computes the answer.
// CLI: node testkit/models/make-tiny-llama-gguf.mjs out.gguf [--random] [--seed N]
import { GgmlType } from "../../lib/gguf/types";
import { writeGguf, type GgufKv } from "../../lib/gguf/write";
import { createSeededRandom } from "../../lib/random/seeded";
import { echoEmbeddings, echoHead } from "./tiny-echo";

export const TINY_WORDS = ["one","two","three","four","five","six","seven","eight","nine","ten",
  "eleven","twelve","thirteen","fourteen","fifteen","sixteen","seventeen","eighteen","nineteen","twenty"];
/** The chain of the `echo` model: distinct first letters, none of them a word the summary prompts use. */
export const TINY_ECHO_WORDS = ["amber","basil","cobalt","dahlia","ember","fennel","garnet","hazel","indigo","juniper","kestrel","lilac"];
/** What the model writes, greedily, after "one two three". */
export const TINY_EXPECTED_AFTER_ONE_TWO_THREE = TINY_WORDS.slice(3).map((w) => " " + w).join("");

export interface TinyLlamaOptions {
  /** All weights random (deterministic gibberish). */
  random?: boolean;
  seed?: number;
  /** The chain of words the model writes (default: one … twenty); any text works, markup included, so tests can
   * make a real model write hostile output. */
  words?: string[];
  /** After the last word, start again at the first instead of stopping: the model then writes until its token
   * limit, which gives long, exactly predictable answers. */
  loop?: boolean;
  /** Bigger = slower decoding. */
  nEmbd?: number;
  nLayer?: number;
  nFf?: number;
  /** The trained context (llama.cpp caps n_ctx to it); `contextLength` is the same. */
  nCtx?: number;
  contextLength?: number;
  /** The input-dependent model described at the top (words default to TINY_ECHO_WORDS). */
  echo?: boolean;
}

/** The GGUF file's bytes. */
export function makeTinyLlamaGguf({ random: RANDOM = false, seed: seedIn = 0x12345678, echo = false, words = echo ? TINY_ECHO_WORDS : TINY_WORDS,
  loop = false, nEmbd = 64, nLayer = 2, nFf = 128, contextLength = 512, nCtx = contextLength }: TinyLlamaOptions = {}): Buffer {
  if (echo && (RANDOM || words.length > Math.min(15, nEmbd / 4 - 1) || nEmbd % 16)) throw new Error("echo: at most 15 words, nEmbd a multiple of 16, not random");
  // ---------- hyper-params ----------
  const n_embd = nEmbd, n_layer = nLayer, n_head = 4, n_head_kv = 2, n_ff = nFf, n_ctx = nCtx;
  const head_dim = n_embd / n_head;

  // ---------- vocab ----------
  const WORDS = words;
  const SP = "\u2581"; // SentencePiece space marker
  const tokens: string[] = [], scores: number[] = [], types: number[] = [];
  const add = (t: string, s: number, ty: number) => { tokens.push(t); scores.push(s); types.push(ty); return tokens.length - 1; };
  add("<unk>", 0, 2); add("<s>", 0, 3); add("</s>", 0, 3);                    // UNKNOWN, CONTROL
  for (let b = 0; b < 256; b++) add(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`, 0, 6); // BYTE
  const seen = new Map(tokens.map((t, i) => [t, i]));
  const addNormal = (t: string) => { if (!seen.has(t)) seen.set(t, add(t, t.length, 1)); return seen.get(t)!; }; // NORMAL, longer = higher score
  addNormal(SP);
  for (const c of "abcdefghijklmnopqrstuvwxyz.,!?'\n") addNormal(c);
  const wordIds = WORDS.map((w) => { const full = SP + w.replaceAll(" ", SP); for (let i = 2; i <= full.length; i++) addNormal(full.slice(0, i)); return seen.get(full)!; });
  const n_vocab = tokens.length;
  const succ: number[] = new Array(n_vocab).fill(wordIds[0]);
  wordIds.forEach((id, i) => { succ[id] = i + 1 < wordIds.length ? wordIds[i + 1]! : loop ? wordIds[0]! : 2; });

  // ---------- seeded PRNG ----------
  const rnd = createSeededRandom(seedIn).float;
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const randn = (n: number, std: number) => Float32Array.from({ length: n }, () => gauss() * std);
  const ones = (n: number) => new Float32Array(n).fill(1);

  // ---------- tensors (ggml order: ne0 = input dim / row length, ne1 = rows) ----------
  const tensors: { name: string; dims: number[]; type: number; data: Float32Array }[] = [];
  const T = (name: string, dims: number[], data: Float32Array) => { if (data.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(name); tensors.push({ name, dims, type: GgmlType.F32, data }); };
  const E = new Float32Array(n_vocab * n_embd);
  for (let v = 0; v < n_vocab; v++) { const r = randn(n_embd, 1); const nrm = Math.hypot(...r); for (let j = 0; j < n_embd; j++) E[v * n_embd + j] = r[j]! / nrm; }
  const O = new Float32Array(n_vocab * n_embd);
  if (echo) echoEmbeddings(E, wordIds, n_vocab, n_embd, randn);
  if (RANDOM) O.set(randn(n_vocab * n_embd, 0.1));
  else {
    // dim 0 is a "not a number word" flag: non-word tokens get E[t][0] = 1 (then renormalised), words get 0.
    const isWord = new Set(wordIds);
    for (let t = 0; t < n_vocab && !echo; t++) { const r = E.subarray(t * n_embd, (t + 1) * n_embd);
      r[0] = isWord.has(t) ? 0 : 1; const nrm = Math.hypot(...r); for (let j = 0; j < n_embd; j++) r[j]! /= nrm; }
    wordIds.forEach((id) => { for (let j = 0; j < n_embd; j++) O[succ[id]! * n_embd + j] = 4 * E[id * n_embd + j]!; }); // word -> next word / </s>
    O[wordIds[0]! * n_embd + 0] = 4;                                       // any non-word -> first word (after the chain, so a loop keeps it)
  }
  const wstd = RANDOM ? 0.2 : 0.01;
  T("token_embd.weight", [n_embd, n_vocab], E);
  for (let l = 0; l < n_layer; l++) {
    T(`blk.${l}.attn_norm.weight`, [n_embd], ones(n_embd));
    T(`blk.${l}.attn_q.weight`, [n_embd, n_head * head_dim], randn(n_embd * n_head * head_dim, wstd));
    T(`blk.${l}.attn_k.weight`, [n_embd, n_head_kv * head_dim], randn(n_embd * n_head_kv * head_dim, wstd));
    T(`blk.${l}.attn_v.weight`, [n_embd, n_head_kv * head_dim], randn(n_embd * n_head_kv * head_dim, wstd));
    T(`blk.${l}.attn_output.weight`, [n_head * head_dim, n_embd], randn(n_head * head_dim * n_embd, wstd));
    if (echo && l === 0) echoHead(tensors.slice(-4).map((t) => t.data), words.length, n_embd, head_dim);
    T(`blk.${l}.ffn_norm.weight`, [n_embd], ones(n_embd));
    T(`blk.${l}.ffn_gate.weight`, [n_embd, n_ff], randn(n_embd * n_ff, wstd));
    T(`blk.${l}.ffn_up.weight`, [n_embd, n_ff], randn(n_embd * n_ff, wstd));
    T(`blk.${l}.ffn_down.weight`, [n_ff, n_embd], randn(n_ff * n_embd, wstd));
  }
  T("output_norm.weight", [n_embd], ones(n_embd));
  T("output.weight", [n_embd, n_vocab], O);

  // ---------- metadata ----------
  const U32 = "u32", F32 = "f32", BOOL = "bool", STR = "str";
  const kv: GgufKv[] = [
    ["general.architecture", STR, "llama"],
    ["general.name", STR, RANDOM ? "hearth-tiny-llama-random" : echo ? "hearth-tiny-llama-echo" : "hearth-tiny-llama-successor"],
    ["general.file_type", U32, 0],
    ["llama.context_length", U32, n_ctx],
    ["llama.embedding_length", U32, n_embd],
    ["llama.block_count", U32, n_layer],
    ["llama.feed_forward_length", U32, n_ff],
    ["llama.attention.head_count", U32, n_head],
    ["llama.attention.head_count_kv", U32, n_head_kv],
    ["llama.attention.layer_norm_rms_epsilon", F32, 1e-5],
    ["llama.rope.dimension_count", U32, head_dim],
    // echo: a huge base leaves the hand-written head's dimension unrotated, so its scores do not fade with distance
    ["llama.rope.freq_base", F32, echo ? 1e8 : 10000],
    ["llama.vocab_size", U32, n_vocab],
    ["tokenizer.ggml.model", STR, "llama"],
    ["tokenizer.ggml.tokens", "str[]", tokens],
    ["tokenizer.ggml.scores", "f32[]", scores],
    ["tokenizer.ggml.token_type", "i32[]", types],
    ["tokenizer.ggml.unknown_token_id", U32, 0],
    ["tokenizer.ggml.bos_token_id", U32, 1],
    ["tokenizer.ggml.eos_token_id", U32, 2],
    ["tokenizer.ggml.add_bos_token", BOOL, true],
    ["tokenizer.ggml.add_eos_token", BOOL, false],
    // minimal jinja template so chat APIs work: contents joined with nothing in between
    ["tokenizer.chat_template", STR, "{% for m in messages %}{{ m['content'] }}{% endfor %}"],
  ];

  const bytes = writeGguf(kv, tensors.map((t) => ({ ...t, data: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength) })));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
