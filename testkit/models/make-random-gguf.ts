/**
 * A llama-family GGUF with random weights and a chosen shape, quantization and architecture, written in memory for
 * tests: the compute of a real model (Q8_0/Q4_0/F16 matrices, or Q5_0/Q4_K/Q6_K with the sized generator's quants, qwen2 biases, tied output, rope_freqs) at small sizes.
 * Its output is gibberish; tests compare kernels with each other on it, token by token.
 */
import { GGML_BLOCKS, GgmlType } from '../../lib/gguf/types';
import { writeGguf, type GgufKv } from '../../lib/gguf/write';
import { createSeededRandom } from '../../lib/random/seeded';
import { fillQuantBlocks } from './sized-gguf/quants';

export interface RandomGgufOptions {
  arch?: 'llama' | 'qwen2' | 'qwen3' | 'gemma3';
  /** Gemma 3: positions its local layers see (gemma3.attention.sliding_window). */
  slidingWindow?: number;
  /** A head's width when it is not nEmbd / nHead (Qwen3: stated as attention.key_length). */
  headDim?: number;
  nEmbd?: number;
  nLayer?: number;
  nHead?: number;
  nKvHead?: number;
  nFf?: number;
  nVocab?: number;
  /** Type of the big matrices. */
  type?: number;
  /** Write output.weight (else the output is tied to token_embd). */
  output?: boolean;
  ropeFreqs?: boolean;
  seed?: number;
}

export function makeRandomGguf(o: RandomGgufOptions = {}): Uint8Array {
  const { arch = 'llama', nEmbd = 256, nLayer = 2, nHead = 8, nKvHead = 2, nFf = 512, nVocab = 1000, type = GgmlType.Q8_0 } = o;
  const headDim = o.headDim ?? nEmbd / nHead;
  const random = createSeededRandom(o.seed ?? 1);
  const next = random.u32;
  const uniform = () => random.float() - 0.5;

  const tensors: { name: string; dims: number[]; type: number; data: Uint8Array }[] = [];
  const f32 = (name: string, n: number, value: () => number) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = value();
    tensors.push({ name, dims: [n], type: GgmlType.F32, data: new Uint8Array(a.buffer) });
  };
  const matrix = (name: string, cols: number, rows: number, t = type) => {
    const { values: per, bytes } = GGML_BLOCKS[t]!;
    const data = new Uint8Array((rows * cols / per) * bytes);
    const view = new DataView(data.buffer);
    if (t === GgmlType.F16) for (let i = 0; i < rows * cols; i++) view.setUint16(i * 2, 0x2c00 + (next() & 0x3ff) | (next() & 0x8000), true);
    else if (t === GgmlType.F32) for (let i = 0; i < rows * cols; i++) view.setFloat32(i * 4, uniform() * 0.2, true);
    else if (t !== GgmlType.Q8_0 && t !== GgmlType.Q4_0) fillQuantBlocks(t, data, random, 1 / Math.sqrt(cols)); // Q5_0, Q4_K, Q6_K
    else {
      // 4-bit values 1…15 (mean 8, so no shared offset that would pull every row the same way).
      const nibble = () => 1 + (next() % 15);
      for (let i = 0; i < data.length; i++) data[i] = t === GgmlType.Q4_0 ? nibble() | (nibble() << 4) : next() & 0xff;
      // f16 scales: 0x1400 ≈ 0.00098 for int8 (|w| ≤ 0.125), 0x2000 ≈ 0.0078 for 4-bit, as in shared/reference.
      for (let b = 0; b < data.length; b += bytes) view.setUint16(b, t === GgmlType.Q4_0 ? 0x2000 : 0x1400, true);
    }
    tensors.push({ name, dims: [cols, rows], type: t, data });
  };

  matrix('token_embd.weight', nEmbd, nVocab, type === GgmlType.F16 ? GgmlType.F16 : GgmlType.Q8_0);
  for (let l = 0; l < nLayer; l++) {
    const p = `blk.${l}.`;
    f32(`${p}attn_norm.weight`, nEmbd, () => 1 + uniform() * 0.2);
    matrix(`${p}attn_q.weight`, nEmbd, nHead * headDim);
    matrix(`${p}attn_k.weight`, nEmbd, nKvHead * headDim);
    matrix(`${p}attn_v.weight`, nEmbd, nKvHead * headDim);
    if (arch === 'qwen2') {
      f32(`${p}attn_q.bias`, nHead * headDim, () => uniform() * 0.5);
      f32(`${p}attn_k.bias`, nKvHead * headDim, () => uniform() * 0.5);
      f32(`${p}attn_v.bias`, nKvHead * headDim, () => uniform() * 0.5);
    }
    if (arch === 'qwen3' || arch === 'gemma3') {
      f32(`${p}attn_q_norm.weight`, headDim, () => 1 + uniform() * 0.4);
      f32(`${p}attn_k_norm.weight`, headDim, () => 1 + uniform() * 0.4);
    }
    matrix(`${p}attn_output.weight`, nHead * headDim, nEmbd);
    // Gemma's norm weights as its converter writes them: 1 + the checkpoint's weight.
    if (arch === 'gemma3') f32(`${p}post_attention_norm.weight`, nEmbd, () => 1 + uniform() * 0.4);
    f32(`${p}ffn_norm.weight`, nEmbd, () => 1 + uniform() * 0.2);
    if (arch === 'gemma3') f32(`${p}post_ffw_norm.weight`, nEmbd, () => 1 + uniform() * 0.4);
    matrix(`${p}ffn_gate.weight`, nEmbd, nFf);
    matrix(`${p}ffn_up.weight`, nEmbd, nFf);
    matrix(`${p}ffn_down.weight`, nFf, nEmbd);
  }
  f32('output_norm.weight', nEmbd, () => 1);
  // Q8_0, as quantized files keep their output matrix at 6-8 bits (a random 4-bit one also locks onto one token).
  if (o.output) matrix('output.weight', nEmbd, nVocab, type === GgmlType.Q4_0 ? GgmlType.Q8_0 : type);
  if (o.ropeFreqs) f32('rope_freqs.weight', headDim / 2, () => 1 + Math.abs(uniform()) * 8);

  const meta: GgufKv[] = [
    ['general.architecture', 'str', arch],
    [`${arch}.context_length`, 'u32', 2048],
    [`${arch}.embedding_length`, 'u32', nEmbd],
    [`${arch}.block_count`, 'u32', nLayer],
    [`${arch}.feed_forward_length`, 'u32', nFf],
    [`${arch}.attention.head_count`, 'u32', nHead],
    [`${arch}.attention.head_count_kv`, 'u32', nKvHead],
    [`${arch}.attention.layer_norm_rms_epsilon`, 'f32', 1e-5],
    [`${arch}.rope.freq_base`, 'f32', arch === 'llama' ? 1e5 : 1e6],
    ...(o.headDim || arch === 'gemma3' ? [[`${arch}.attention.key_length`, 'u32', headDim], [`${arch}.attention.value_length`, 'u32', headDim]] as GgufKv[] : []),
    ...(arch === 'gemma3' ? [[`${arch}.attention.sliding_window`, 'u32', o.slidingWindow ?? 512]] as GgufKv[] : []),
    // A SentencePiece vocabulary llama.cpp accepts: control tokens, the 256 byte tokens, then filler pieces.
    ['tokenizer.ggml.model', 'str', 'llama'],
    ['tokenizer.ggml.tokens', 'str[]', Array.from({ length: nVocab }, (_, i) =>
      i < 3 ? ['<unk>', '<s>', '</s>'][i] : i < 259 ? `<0x${(i - 3).toString(16).toUpperCase().padStart(2, '0')}>` : `\u2581t${i}`)],
    ['tokenizer.ggml.scores', 'f32[]', Array.from({ length: nVocab }, () => 0)],
    ['tokenizer.ggml.token_type', 'i32[]', Array.from({ length: nVocab }, (_, i) => (i === 0 ? 2 : i < 3 ? 3 : i < 259 ? 6 : 1))],
    ['tokenizer.ggml.bos_token_id', 'u32', 1],
    ['tokenizer.ggml.eos_token_id', 'u32', 2],
  ];
  return writeGguf(meta, tensors);
}
