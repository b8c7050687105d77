import type { Kernels, Matrix, Ptr } from './kernel-api';
import type { GgufHeader, GgufTensorInfo } from '../../gguf/read';
import { checkTensorTypes, readModelConfig, tensor, UnsupportedModelError, type ModelConfig } from './model-config';
import { tensorBytes } from '../../gguf/types';

export interface LayerWeights {
  attnNorm: Ptr;
  wq: Matrix;
  wk: Matrix;
  wv: Matrix;
  wo: Matrix;
  bq?: Ptr;
  bk?: Ptr;
  bv?: Ptr;
  /** Qwen3: RMS-norm weights over each query and key head (headDim values). */
  qNorm?: Ptr;
  kNorm?: Ptr;
  ffnNorm: Ptr;
  /** Gemma 3: RMS norms of the attention's and the FFN's output, before each is added to the residual. */
  attnPostNorm?: Ptr;
  ffnPostNorm?: Ptr;
  gate: Matrix;
  up: Matrix;
  down: Matrix;
}

export interface ModelWeights {
  config: ModelConfig;
  tokEmbd: Matrix;
  /** output.weight, or the token embedding when the output is tied to it. */
  output: Matrix;
  outputNorm: Ptr;
  layers: LayerWeights[];
  ropeFreqs?: Float32Array;
}

/** A GGUF file's bytes, read one range at a time (a Blob in the browser; a file handle in Node tests). */
export type ReadRange = (start: number, end: number) => Promise<Uint8Array>;

export const blobReader = (file: Blob): ReadRange => async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer());

/**
 * Load every tensor into the kernels' memory, tensor by tensor: the file is never held whole in JS memory, only
 * one tensor's bytes at a time (the largest is the token embedding). `onProgress` gets bytes read of the total.
 */
export async function loadModel(
  header: GgufHeader,
  read: ReadRange,
  kernels: Kernels,
  onProgress: (loaded: number, total: number) => void = () => {},
): Promise<ModelWeights> {
  const config = readModelConfig(header);
  checkTensorTypes(header, (type) => kernels.supports(type));
  const sizes = new Map(header.tensors.map((t) => [t.name, tensorBytes(t.type, t.dims.reduce((a, b) => a * b, 1))]));
  const total = [...sizes.values()].reduce<number>((a, b) => a + (b ?? 0), 0);
  let loaded = 0;

  const bytesOf = async (t: GgufTensorInfo) => {
    const size = sizes.get(t.name);
    if (size === undefined) throw new UnsupportedModelError(`The CPU engine cannot size ${t.name} (ggml type ${t.type}).`);
    const data = await read(t.offset, t.offset + size);
    if (data.length !== size) throw new UnsupportedModelError(`The model file ends inside ${t.name}.`);
    loaded += size;
    onProgress(loaded, total);
    return data;
  };
  const need = (name: string) => {
    const t = tensor(header, name);
    if (!t) throw new UnsupportedModelError(`The model has no ${name}.`);
    return t;
  };
  const matrix = async (name: string, rows: number, cols: number) => {
    const t = need(name);
    if (t.dims[0] !== cols || (t.dims[1] ?? 1) !== rows) {
      throw new UnsupportedModelError(`${name} is ${t.dims.join('x')}, expected ${cols}x${rows}.`);
    }
    return kernels.loadMatrix(t.type, await bytesOf(t), rows, cols);
  };
  const vector = async (name: string, length: number, optional = false) => {
    const t = tensor(header, name);
    if (!t) {
      if (optional) return undefined;
      throw new UnsupportedModelError(`The model has no ${name}.`);
    }
    if (t.dims.reduce((a, b) => a * b, 1) !== length) throw new UnsupportedModelError(`${name} has the wrong size.`);
    return kernels.loadVector(t.type, await bytesOf(t), length);
  };

  const { nEmbd, nHead, nKvHead, headDim, nFf, nVocab } = config;
  const kvDim = nKvHead * headDim;
  const tokEmbd = await matrix('token_embd.weight', nVocab, nEmbd);
  const output = tensor(header, 'output.weight') ? await matrix('output.weight', nVocab, nEmbd) : tokEmbd;
  const outputNorm = (await vector('output_norm.weight', nEmbd))!;
  const ropePtr = await vector('rope_freqs.weight', config.ropeDims / 2, true);
  const ropeFreqs = ropePtr === undefined ? undefined : kernels.f32(ropePtr, config.ropeDims / 2).slice();
  const layers: LayerWeights[] = [];
  for (let l = 0; l < config.nLayer; l++) {
    const p = `blk.${l}.`;
    layers.push({
      attnNorm: (await vector(`${p}attn_norm.weight`, nEmbd))!,
      wq: await matrix(`${p}attn_q.weight`, nHead * headDim, nEmbd),
      wk: await matrix(`${p}attn_k.weight`, kvDim, nEmbd),
      wv: await matrix(`${p}attn_v.weight`, kvDim, nEmbd),
      wo: await matrix(`${p}attn_output.weight`, nEmbd, nHead * headDim),
      bq: await vector(`${p}attn_q.bias`, nHead * headDim, true),
      bk: await vector(`${p}attn_k.bias`, kvDim, true),
      bv: await vector(`${p}attn_v.bias`, kvDim, true),
      ...(config.qkNorm ? { qNorm: (await vector(`${p}attn_q_norm.weight`, headDim))!, kNorm: (await vector(`${p}attn_k_norm.weight`, headDim))! } : {}),
      ...(config.gemma3 ? { attnPostNorm: (await vector(`${p}post_attention_norm.weight`, nEmbd))! } : {}),
      ffnNorm: (await vector(`${p}ffn_norm.weight`, nEmbd))!,
      ...(config.gemma3 ? { ffnPostNorm: (await vector(`${p}post_ffw_norm.weight`, nEmbd))! } : {}),
      gate: await matrix(`${p}ffn_gate.weight`, nFf, nEmbd),
      up: await matrix(`${p}ffn_up.weight`, nFf, nEmbd),
      down: await matrix(`${p}ffn_down.weight`, nEmbd, nFf),
    });
  }
  return { config, tokEmbd, output, outputNorm, layers, ropeFreqs };
}
