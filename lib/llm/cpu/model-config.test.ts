import { describe, expect, it } from 'vitest';
import { readGgufHeader } from '../../gguf/read';
import { checkTensorTypes, readModelConfig, UnsupportedModelError } from './model-config';
import { makeRandomGguf } from '../../../testkit/models/make-random-gguf';
import { GgmlType } from './kernel-api';
import { isLocalLayer } from './gemma3-config';

describe('readModelConfig', () => {
  it('reads a qwen2 model: neox rope, head shapes from metadata, vocabulary from the embedding', () => {
    const header = readGgufHeader(makeRandomGguf({ arch: 'qwen2', nEmbd: 128, nHead: 4, nKvHead: 2, nLayer: 1, nVocab: 300 }));
    expect(readModelConfig(header)).toMatchObject({
      arch: 'qwen2', nEmbd: 128, nHead: 4, nKvHead: 2, headDim: 32, nLayer: 1, nVocab: 300, ropeMode: 'neox', ropeTheta: 1e6, ropeDims: 32, nCtxTrain: 2048,
    });
  });

  it('reads a qwen3 model: q/k norms, heads as wide as key_length says, neox rope', () => {
    const header = readGgufHeader(makeRandomGguf({ arch: 'qwen3', nEmbd: 128, nHead: 4, nKvHead: 2, headDim: 64, nLayer: 1, nVocab: 300 }));
    expect(readModelConfig(header)).toMatchObject({ arch: 'qwen3', nEmbd: 128, nHead: 4, headDim: 64, ropeDims: 64, ropeMode: 'neox', qkNorm: true });
    const uneven = { ...header, metadata: { ...header.metadata, 'qwen3.attention.value_length': 32 } };
    expect(() => readModelConfig(uneven)).toThrow(/values of another width/);
  });

  it('reads a gemma3 model: sliding window, every sixth layer global, local RoPE base, √d embedding scale', () => {
    const header = readGgufHeader(makeRandomGguf({ arch: 'gemma3', nEmbd: 128, nHead: 4, nKvHead: 1, headDim: 64, nLayer: 2, nVocab: 300, slidingWindow: 16 }));
    const config = readModelConfig(header);
    expect(config).toMatchObject({ arch: 'gemma3', headDim: 64, ropeMode: 'neox', ropeTheta: 1e6, qkNorm: true });
    expect(config.gemma3).toEqual({ slidingWindow: 16, swaPattern: 6, localRopeTheta: 10000, attnScale: 1 / 8, embdScale: Math.fround(Math.sqrt(128)) });
    expect(Array.from({ length: 13 }, (_, l) => isLocalLayer(config.gemma3!, l))).toEqual([...Array(5).fill(true), false, ...Array(5).fill(true), false, true]);
    // The 62-layer 27B scales queries by its embedding over its heads (query_pre_attn_scalar 168 = 5,376 / 32).
    const big = { ...header, metadata: { ...header.metadata, 'gemma3.block_count': 62 } };
    expect(readModelConfig(big).gemma3!.attnScale).toBe(1 / Math.sqrt(32));
    const noWindow = { ...header, metadata: { ...header.metadata, 'gemma3.attention.sliding_window': 0 } };
    expect(() => readModelConfig(noWindow)).toThrow(/sliding-window/);
  });

  it('knows the Gemma 3 post-norms only in a gemma3 file', () => {
    const header = readGgufHeader(makeRandomGguf({ nLayer: 1, nVocab: 300 }));
    const extra = { ...header, tensors: [...header.tensors, { name: 'blk.0.post_ffw_norm.weight', dims: [256], type: 0, offset: 0 }] };
    expect(() => readModelConfig(extra)).toThrow(/post_ffw_norm/);
  });

  it('refuses other architectures, unknown tensors and types the kernels lack', () => {
    const header = readGgufHeader(makeRandomGguf({ nLayer: 1, nVocab: 300 }));
    expect(() => readModelConfig({ ...header, metadata: { ...header.metadata, 'general.architecture': 'gemma2' } })).toThrow(UnsupportedModelError);
    const extra = { ...header, tensors: [...header.tensors, { name: 'blk.0.attn_q_norm.weight', dims: [32], type: 0, offset: 0 }] };
    expect(() => readModelConfig(extra)).toThrow(/attn_q_norm/);
    expect(() => checkTensorTypes(header, (t) => t !== GgmlType.Q8_0)).toThrow(UnsupportedModelError);
  });
});
