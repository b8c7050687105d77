// A GGUF with a real model's shape, quantization and tokenizer but random weights: the compute, memory and token
// counts of the real thing, none of its knowledge (its output is gibberish that rarely stops). Written streaming, a
// tensor chunk at a time, so a 400 MB file takes seconds and little memory.
// CLI: node testkit/models/make-sized-gguf.mjs OUT.gguf (runs this file with vite-node; or `npm run gguf:sized -- OUT.gguf …`) [--shape smollm2-360m|smollm2-135m|qwen2.5-0.5b|llama-3.2-1b|qwen3-0.6b|gemma-3-270m|gemma-3-1b]
//        [--quant q8_0|q4_0|q4_k_m] [--layers N] [--seed N]
import { closeSync, openSync, writeSync } from "node:fs";
import { GgmlType as GGML, tensorBytes } from "../../lib/gguf/types";
import { writeGgufHeader, type GgufKv } from "../../lib/gguf/write";
import { createSeededRandom } from "../../lib/random/seeded";
import { fillQuantBlocks } from "./sized-gguf/quants";
import { dequantize } from "../../lib/llm/cpu/kernels/oracle";
import { tokenizerKv } from "./sized-gguf/vocab";

export type SizedShapeName = "smollm2-135m" | "smollm2-360m" | "qwen2.5-0.5b" | "llama-3.2-1b" | "qwen3-0.6b" | "gemma-3-270m" | "gemma-3-1b";
export type SizedQuant = "q8_0" | "q4_0" | "q4_k_m";
export interface SizedShape {
  arch: "llama" | "qwen2" | "qwen3" | "gemma3";
  embd: number;
  /** A head's width when it is not embd / heads (Qwen3: attention.key_length). */
  headDim?: number;
  layers: number;
  heads: number;
  kvHeads: number;
  ff: number;
  vocab: number;
  ropeBase: number;
  eps: number;
  ctx: number;
  tokenizer: "smollm" | "qwen" | "llama3" | "gemma";
  /** The quantization users download. */
  quant: SizedQuant;
  qkvBias?: boolean;
  /** Qwen3's per-head query/key RMS norms. */
  qkNorm?: boolean;
  ropeFreqs?: boolean;
  /** Gemma 3: its local layers' window (it also has q/k norms and post-attention/post-FFN norms). */
  slidingWindow?: number;
}
export interface SizedTensor {
  name: string;
  dims: number[];
  type: number;
  bytes: number;
  fill?: number | number[] | "random";
}

/** The curated CPU models' shapes (their config.json) and the quantization users download. */
export const SIZED_SHAPES: Record<SizedShapeName, SizedShape> = {
  "smollm2-135m": { arch: "llama", embd: 576, layers: 30, heads: 9, kvHeads: 3, ff: 1536, vocab: 49152, ropeBase: 100000, eps: 1e-5, ctx: 8192, tokenizer: "smollm", quant: "q8_0" },
  "smollm2-360m": { arch: "llama", embd: 960, layers: 32, heads: 15, kvHeads: 5, ff: 2560, vocab: 49152, ropeBase: 100000, eps: 1e-5, ctx: 8192, tokenizer: "smollm", quant: "q8_0" },
  "qwen2.5-0.5b": { arch: "qwen2", embd: 896, layers: 24, heads: 14, kvHeads: 2, ff: 4864, vocab: 151936, ropeBase: 1000000, eps: 1e-6, ctx: 32768, tokenizer: "qwen", quant: "q4_k_m", qkvBias: true },
  // Qwen3-0.6B (config.json: 1,024 wide, 16 heads of 128, 8 KV heads, FFN 3,072, 28 layers, tied output), the Q8_0 file.
  "qwen3-0.6b": { arch: "qwen3", embd: 1024, headDim: 128, layers: 28, heads: 16, kvHeads: 8, ff: 3072, vocab: 151936, ropeBase: 1000000, eps: 1e-6, ctx: 40960, tokenizer: "qwen", quant: "q8_0", qkNorm: true },
  "llama-3.2-1b": { arch: "llama", embd: 2048, layers: 16, heads: 32, kvHeads: 8, ff: 8192, vocab: 128256, ropeBase: 500000, eps: 1e-5, ctx: 131072, tokenizer: "llama3", quant: "q4_k_m", ropeFreqs: true },
  // Gemma 3 270M and 1B (config.json: 640 / 1,152 wide, 18 / 26 layers, 4 heads of 256, 1 KV head, FFN 2,048 / 6,912,
  // vocabulary 262,144, sliding window 512 in 5 of every 6 layers, RoPE 1e6 global, tied output), the Q8_0 file.
  "gemma-3-270m": { arch: "gemma3", embd: 640, headDim: 256, layers: 18, heads: 4, kvHeads: 1, ff: 2048, vocab: 262144, ropeBase: 1000000, eps: 1e-6, ctx: 32768, tokenizer: "gemma", quant: "q8_0", qkNorm: true, slidingWindow: 512 },
  "gemma-3-1b": { arch: "gemma3", embd: 1152, headDim: 256, layers: 26, heads: 4, kvHeads: 1, ff: 6912, vocab: 262144, ropeBase: 1000000, eps: 1e-6, ctx: 32768, tokenizer: "gemma", quant: "q8_0", qkNorm: true, slidingWindow: 512 },
};
export const SIZED_QUANTS: SizedQuant[] = ["q8_0", "q4_0", "q4_k_m"];
const FILE_TYPE: Record<SizedQuant, number> = { q8_0: 7, q4_0: 2, q4_k_m: 15 };

// Q4_K_M's mix (llama.cpp's quantize rules): Q6_K for the embedding/output and for attn_v and ffn_down in the first
// and last eighth of the layers and every third layer between, Q4_K elsewhere; rows that are not a multiple of 256
// fall back to Q5_0 (for Q4_K) or Q8_0 (for Q6_K), as in the real Qwen2.5-0.5B file.
const moreBits = (l: number, n: number) => l < n / 8 || l >= (7 * n) / 8 || (l - Math.floor(n / 8)) % 3 === 2;
function matrixType(quant: SizedQuant, name: string, layer: number, nLayers: number, ne0: number) {
  if (quant === "q8_0") return GGML.Q8_0;
  if (quant === "q4_0") return name === "token_embd" ? GGML.Q8_0 : GGML.Q4_0;
  const six = name === "token_embd" || ((name === "attn_v" || name === "ffn_down") && moreBits(layer, nLayers));
  if (ne0 % 256) return six ? GGML.Q8_0 : GGML.Q5_0;
  return six ? GGML.Q6_K : GGML.Q4_K;
}

/** Llama 3's rope frequency factors (rope_scaling: factor 32, low 1, high 4, original context 8192). */
function llama3RopeFactors(headDim: number, base: number) {
  return Array.from({ length: headDim / 2 }, (_, i) => {
    const wavelen = (2 * Math.PI) / base ** ((2 * i) / headDim);
    if (wavelen < 8192 / 4) return 1;
    if (wavelen > 8192 / 1) return 32;
    const smooth = (8192 / wavelen - 1) / (4 - 1);
    return 1 / ((1 - smooth) / 32 + smooth);
  });
}

/** The tensor list (name, ggml dims, type, F32 contents where fixed) of a shape. */
export function sizedTensors(s: SizedShape, quant: SizedQuant, layers = s.layers): SizedTensor[] {
  const headDim = s.headDim ?? s.embd / s.heads, qDim = s.heads * headDim, kvDim = s.kvHeads * headDim;
  const list: Omit<SizedTensor, "bytes">[] = [];
  const m = (name: string, ne0: number, ne1: number, layer = 0) => list.push({ name: `${layer === -1 ? "" : `blk.${layer}.`}${name}.weight`, dims: [ne0, ne1], type: matrixType(quant, name, layer, layers, ne0) });
  const v = (name: string, n: number, fill: SizedTensor["fill"]) => list.push({ name, dims: [n], type: GGML.F32, fill });
  m("token_embd", s.embd, s.vocab, -1);
  if (s.ropeFreqs) v("rope_freqs.weight", headDim / 2, llama3RopeFactors(headDim, s.ropeBase));
  for (let l = 0; l < layers; l++) {
    v(`blk.${l}.attn_norm.weight`, s.embd, 1);
    m("attn_q", s.embd, qDim, l); m("attn_k", s.embd, kvDim, l); m("attn_v", s.embd, kvDim, l);
    if (s.qkvBias) for (const [p, n] of [["q", qDim], ["k", kvDim], ["v", kvDim]] as const) v(`blk.${l}.attn_${p}.bias`, n, "random");
    if (s.qkNorm) for (const p of ["q", "k"]) v(`blk.${l}.attn_${p}_norm.weight`, headDim, 1);
    m("attn_output", qDim, s.embd, l);
    if (s.slidingWindow) v(`blk.${l}.post_attention_norm.weight`, s.embd, 1);
    v(`blk.${l}.ffn_norm.weight`, s.embd, 1);
    m("ffn_gate", s.embd, s.ff, l); m("ffn_up", s.embd, s.ff, l); m("ffn_down", s.ff, s.embd, l);
    if (s.slidingWindow) v(`blk.${l}.post_ffw_norm.weight`, s.embd, 1);
  }
  v("output_norm.weight", s.embd, 1);
  return list.map((t) => {
    const bytes = tensorBytes(t.type, t.dims[0]! * (t.dims[1] ?? 1));
    if (bytes === undefined) throw new Error(`${t.name}: ggml type ${t.type} does not hold ${t.dims.join("x")} values in whole blocks`);
    return { ...t, bytes };
  });
}

/**
 * Write a sized model to `out`. Returns what was written: its bytes, parameter count and the tokenizer's special ids.
 * `quant` defaults to the shape's own (q8_0 for SmolLM2, q4_k_m for Qwen2.5 and Llama 3.2); `layers` fewer than the real
 * model's makes quick tests. `dequantized`: the same model (same seed, same quantized values) with every matrix stored
 * as F32, the float reference over exactly the quantized weights (scripts/fidelity-at-depth.ts). `outputNormScale`
 * (default 1) fills output_norm.weight: it multiplies every logit, so >1 makes the near-flat distributions of random
 * weights as peaked as a real model's without changing anything before the output.
 */
export function makeSizedGguf({ out, shape = "smollm2-360m", quant, layers, seed = 7, dequantized = false, outputNormScale = 1 }:
  { out: string; shape?: SizedShapeName; quant?: SizedQuant; layers?: number; seed?: number; dequantized?: boolean; outputNormScale?: number }) {
  const s = SIZED_SHAPES[shape];
  if (!s) throw new Error(`Unknown shape "${shape}" (${Object.keys(SIZED_SHAPES).join(", ")})`);
  quant ??= s.quant;
  if (!SIZED_QUANTS.includes(quant)) throw new Error(`Unknown quantization "${quant}" (${SIZED_QUANTS.join(", ")})`);
  const nLayers = Math.min(layers ?? s.layers, s.layers);
  const quantized = sizedTensors(s, quant, nLayers).map((t) => (t.name === "output_norm.weight" ? { ...t, fill: outputNormScale } : t));
  const tensors = dequantized ? quantized.map((t) => ({ ...t, type: GGML.F32, bytes: 4 * t.dims[0]! * (t.dims[1] ?? 1) })) : quantized;
  const tok = tokenizerKv(s.tokenizer, s.vocab);
  const a = s.arch, headDim = s.headDim ?? s.embd / s.heads;
  const kv: GgufKv[] = [
    ["general.architecture", "str", a], ["general.name", "str", `sized-${shape}-${quant}-random`],
    ["general.file_type", "u32", dequantized ? 0 : FILE_TYPE[quant]], ["general.alignment", "u32", 32],
    [`${a}.context_length`, "u32", s.ctx], [`${a}.embedding_length`, "u32", s.embd], [`${a}.block_count`, "u32", nLayers],
    [`${a}.feed_forward_length`, "u32", s.ff], [`${a}.attention.head_count`, "u32", s.heads],
    [`${a}.attention.head_count_kv`, "u32", s.kvHeads], [`${a}.attention.layer_norm_rms_epsilon`, "f32", s.eps],
    [`${a}.rope.dimension_count`, "u32", headDim],
    ...(s.headDim ? [[`${a}.attention.key_length`, "u32", headDim], [`${a}.attention.value_length`, "u32", headDim]] as GgufKv[] : []), [`${a}.rope.freq_base`, "f32", s.ropeBase], [`${a}.vocab_size`, "u32", s.vocab],
    ...(s.slidingWindow ? [[`${a}.attention.sliding_window`, "u32", s.slidingWindow]] as GgufKv[] : []),
    ...tok.kv,
  ];
  const header = writeGgufHeader(kv, tensors, 32);
  const rng = createSeededRandom(seed);
  const fd = openSync(out, "w");
  try {
    writeSync(fd, header.bytes);
    let written = header.bytes.length;
    for (const [i, t] of tensors.entries()) {
      const at = header.dataOffset + header.offsets[i]!;
      if (at > written) writeSync(fd, Buffer.alloc(at - written));
      const q = quantized[i]!;
      if (q.type === GGML.F32) {
        const fill = t.fill;
        const f = fill === "random" ? Float32Array.from({ length: t.dims[0]! }, () => 0.05 * (2 * rng.float() - 1)) : Float32Array.from({ length: t.dims[0]! }, (_, i) => (Array.isArray(fill) ? fill[i]! : fill ?? 0));
        writeSync(fd, new Uint8Array(f.buffer));
      } else {
        // std 1/sqrt(inputs): each matrix keeps its input's scale, so activations stay finite through every layer.
        // Chunks by the quantized row size either way, so the dequantized twin draws the same random stream.
        const rows = q.dims[1]!, std = 1 / Math.sqrt(q.dims[0]!), rowBytes = q.bytes / rows;
        const rowsPerChunk = Math.max(1, Math.floor((8 << 20) / rowBytes));
        for (let r = 0; r < rows; r += rowsPerChunk) {
          const n = Math.min(rowsPerChunk, rows - r);
          const chunk = Buffer.alloc(n * rowBytes);
          fillQuantBlocks(q.type, chunk, rng, std);
          const f = dequantized ? dequantize(q.type, chunk, n * q.dims[0]!) : null;
          writeSync(fd, f ? new Uint8Array(f.buffer) : chunk);
        }
      }
      written = at + t.bytes;
    }
    const params = tensors.reduce((n, t) => n + t.dims[0]! * (t.dims[1] ?? 1), 0);
    return { out, shape, quant, layers: nLayers, bytes: written, params, special: tok.special, chatTemplate: tok.template };
  } finally {
    closeSync(fd);
  }
}

