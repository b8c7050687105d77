import { describe, expect, it } from 'vitest';
import { createReferenceKernels } from './reference-kernels';
import { createNodeKernels } from './kernels/node-kernels';
import { createForward, type KvType } from './forward';
import { loadModel } from './load-model';
import { argmax } from './sampler';
import { inMemoryGguf } from '../../../testkit/models/in-memory-gguf';
import { makeRandomGguf, type RandomGgufOptions } from '../../../testkit/models/make-random-gguf';
import { GgmlType, type Kernels } from './kernel-api';

// Random-weight models with real models' structure: the wasm kernels must pick the reference kernels' greedy
// tokens (both read a 24-token prompt in batches, then go on one token at a time through the KV cache).
const PROMPT = Array.from({ length: 24 }, (_, i) => (i * 37 + 11) % 1000);
const STEPS = 8;

async function argmaxes(bytes: Uint8Array, kernels: Kernels, kvType: KvType) {
  const { header, read } = inMemoryGguf(bytes);
  const forward = createForward(kernels, await loadModel(header, read, kernels), 128, 16, 1, kvType);
  let logits!: Float32Array;
  for (let at = 0; at < PROMPT.length; at += 16) logits = forward.run(PROMPT.slice(at, at + 16), at);
  const tokens: number[] = [];
  const steps: Float32Array[] = [];
  for (let i = 0; i < STEPS; i++) {
    steps.push(logits.slice());
    tokens.push(argmax(logits));
    // Fed a fixed token, not the argmax: a random model easily repeats one token, which would test less.
    logits = forward.run([(i * 101 + 7) % 1000], PROMPT.length + i);
  }
  return { tokens, steps };
}

const MODELS: [string, RandomGgufOptions][] = [
  ['llama Q8_0, tied output', { type: GgmlType.Q8_0 }],
  ['qwen2 Q4_0 with biases and output.weight', { arch: 'qwen2', type: GgmlType.Q4_0, output: true, nHead: 4, nKvHead: 2 }],
  ['llama F16 with rope_freqs', { type: GgmlType.F16, ropeFreqs: true, nKvHead: 8 }],
];

// Real wasm kernels with threads against the reference: up to 2.6 s seen on 2 cores shared with other work; 30 s (the
// third argument below) leaves room for heavier load and still fails a hang.
describe.each(MODELS)('wasm kernels agree with the reference on a random %s model', (_name, options) => {
  const bytes = makeRandomGguf({ ...options, nLayer: 3, seed: 7 });
  // The fp16 KV cache (the engine's) on both kernels, and the f32 one.
  it.each([[1, 'f16'], [2, 'f16'], [1, 'f32']] as const)('%i thread(s), %s KV cache', async (threads, kvType) => {
    const want = await argmaxes(bytes, createReferenceKernels(), kvType);
    const kernels = await createNodeKernels(threads);
    const got = await argmaxes(bytes, kernels, kvType);
    kernels.dispose();
    // Logits: close relative to their spread (the wasm matmuls quantize activations to int8 with an fp16 scale, as
    // llama.cpp does).
    want.steps.forEach((ref, step) => {
      const spread = Math.max(...ref) - Math.min(...ref);
      const worst = ref.reduce((m, v, i) => Math.max(m, Math.abs(v - got.steps[step]![i]!)), 0);
      expect(worst / spread).toBeLessThan(0.025);
      // Same argmax, or one the reference itself scores within 1% of the spread of its own (a near tie).
      expect(ref[want.tokens[step]!]! - ref[got.tokens[step]!]!).toBeLessThan(0.01 * spread);
    });
    expect(got.tokens.filter((t, i) => t === want.tokens[i]).length).toBeGreaterThanOrEqual(STEPS - 2);
    expect(new Set(want.tokens).size).toBeGreaterThan(1); // a model stuck on one token would prove little
  });
}, 30_000);
