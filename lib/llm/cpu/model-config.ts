import type { GgufHeader, GgufTensorInfo } from '../../gguf/read';
import { readGemma3Config, type Gemma3Config } from './gemma3-config';

/** The model uses an architecture or tensor type this engine does not run: the caller falls back to wllama. */
export class UnsupportedModelError extends Error {
  override name = 'UnsupportedModelError';
}

export interface ModelConfig {
  arch: 'llama' | 'qwen2' | 'qwen3' | 'gemma3';
  nEmbd: number;
  nLayer: number;
  nHead: number;
  nKvHead: number;
  headDim: number;
  nFf: number;
  nVocab: number;
  eps: number;
  ropeTheta: number;
  ropeDims: number;
  ropeMode: 'norm' | 'neox';
  /** Qwen3: each head's query and key RMS-normed (attn_q_norm / attn_k_norm, one weight per head dimension) before RoPE. */
  qkNorm: boolean;
  /** The context the model was trained for. */
  nCtxTrain: number;
  /** Gemma 3's differences from the llama block (gemma3-config.ts); absent for the others. */
  gemma3?: Gemma3Config;
}

const ARCHES = { llama: 'norm', qwen2: 'neox', qwen3: 'neox', gemma3: 'neox' } as const;

/** Tensors of one block; anything else in a file (q/k norms, MoE experts…) means a variant we do not run. */
const BLOCK_TENSORS = new Set([
  'attn_norm.weight', 'attn_q.weight', 'attn_k.weight', 'attn_v.weight', 'attn_output.weight',
  'attn_q.bias', 'attn_k.bias', 'attn_v.bias', 'ffn_norm.weight', 'ffn_gate.weight', 'ffn_up.weight', 'ffn_down.weight',
]);
/** Qwen3's and Gemma 3's per-head query/key norms: known only in such a file (elsewhere a variant we do not run). */
const QK_NORM_TENSORS = new Set(['attn_q_norm.weight', 'attn_k_norm.weight']);
/** Gemma 3's norms after attention and after the FFN, before each residual add. */
const POST_NORM_TENSORS = new Set(['post_attention_norm.weight', 'post_ffw_norm.weight']);
const TOP_TENSORS = new Set(['token_embd.weight', 'output_norm.weight', 'output.weight', 'rope_freqs.weight']);

/** Hyper-parameters from `<arch>.*` metadata; throws UnsupportedModelError for anything this engine cannot run. */
export function readModelConfig(header: GgufHeader): ModelConfig {
  const m = header.metadata;
  const arch = String(m['general.architecture'] ?? '');
  if (!(arch in ARCHES)) throw new UnsupportedModelError(`The CPU engine does not run the "${arch}" architecture.`);
  const num = (key: string, fallback?: number) => {
    const v = m[`${arch}.${key}`];
    if (v === undefined) {
      if (fallback === undefined) throw new UnsupportedModelError(`The model has no ${arch}.${key}.`);
      return fallback;
    }
    return Number(v);
  };
  const nEmbd = num('embedding_length');
  const nHead = num('attention.head_count');
  // A head's width: stated where it is not the embedding over the heads (Qwen3-0.6B: 1,024 wide, 16 heads of 128).
  const headDim = num('attention.key_length', nEmbd / nHead);
  if (num('attention.value_length', headDim) !== headDim) throw new UnsupportedModelError('The model has values of another width than its keys.');
  const embd = tensor(header, 'token_embd.weight');
  if (!embd || embd.dims.length !== 2) throw new UnsupportedModelError('The model has no token embedding.');
  if (m[`${arch}.rope.scaling.type`] !== undefined && m[`${arch}.rope.scaling.type`] !== 'none') {
    throw new UnsupportedModelError('The CPU engine does not do rope scaling other than rope_freqs.');
  }
  const config: ModelConfig = {
    arch: arch as ModelConfig['arch'],
    nEmbd,
    nLayer: num('block_count'),
    nHead,
    nKvHead: num('attention.head_count_kv', nHead),
    headDim,
    nFf: num('feed_forward_length'),
    nVocab: embd.dims[1]!,
    eps: num('attention.layer_norm_rms_epsilon', 1e-6),
    ropeTheta: num('rope.freq_base', 10000),
    ropeDims: num('rope.dimension_count', headDim),
    ropeMode: ARCHES[arch as ModelConfig['arch']],
    qkNorm: arch === 'qwen3' || arch === 'gemma3',
    nCtxTrain: num('context_length', 2048),
  };
  if (arch === 'gemma3') config.gemma3 = readGemma3Config(num, config, (why) => {
    throw new UnsupportedModelError(why);
  });
  if (!Number.isInteger(headDim) || config.nHead % config.nKvHead !== 0) {
    throw new UnsupportedModelError('The model has an attention shape the CPU engine does not run.');
  }
  for (const t of header.tensors) {
    const block = /^blk\.\d+\.(.+)$/.exec(t.name);
    const name = block?.[1];
    const known = name === undefined ? TOP_TENSORS.has(t.name)
      : BLOCK_TENSORS.has(name) || (config.qkNorm && QK_NORM_TENSORS.has(name)) || (config.gemma3 !== undefined && POST_NORM_TENSORS.has(name));
    if (!known) {
      throw new UnsupportedModelError(`The CPU engine does not know the tensor ${t.name}.`);
    }
  }
  return config;
}

export const tensor = (header: GgufHeader, name: string): GgufTensorInfo | undefined =>
  header.tensors.find((t) => t.name === name);

/** Throws UnsupportedModelError unless every matrix's type is one the kernels take. */
export function checkTensorTypes(header: GgufHeader, supports: (type: number) => boolean): void {
  for (const t of header.tensors) {
    if (!supports(t.type)) throw new UnsupportedModelError(`The CPU engine cannot read ${t.name} (ggml type ${t.type}).`);
  }
}
