import { describe, expect, it } from 'vitest';
import { readGgufHeader } from '../../gguf/read';
import { checkTensorTypes, readModelConfig, UnsupportedModelError } from './model-config';
import { makeRandomGguf } from '../../../testkit/models/make-random-gguf';
import { GgmlType } from './kernel-api';

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

  it('refuses other architectures, unknown tensors and types the kernels lack', () => {
    const header = readGgufHeader(makeRandomGguf({ nLayer: 1, nVocab: 300 }));
    expect(() => readModelConfig({ ...header, metadata: { ...header.metadata, 'general.architecture': 'gemma3' } })).toThrow(UnsupportedModelError);
    const extra = { ...header, tensors: [...header.tensors, { name: 'blk.0.attn_q_norm.weight', dims: [32], type: 0, offset: 0 }] };
    expect(() => readModelConfig(extra)).toThrow(/attn_q_norm/);
    expect(() => checkTensorTypes(header, (t) => t !== GgmlType.Q8_0)).toThrow(UnsupportedModelError);
  });
});
