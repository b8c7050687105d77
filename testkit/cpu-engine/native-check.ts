/**
 * Greedy tokens of the CPU engine (reference and wasm kernels) against native llama.cpp (node-llama-cpp) on small
 * random F32 models of each supported variant: F32 weights, so llama.cpp does not quantize activations and the
 * three must agree exactly unless two logits nearly tie.
 * Usage: npx vite-node testkit/cpu-engine/native-check.ts -- DIR_WITH_node_modules/node-llama-cpp
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { GgmlType, type Kernels } from '../../lib/llm/cpu/kernel-api';
import { makeRandomGguf, type RandomGgufOptions } from '../models/make-random-gguf';
import { inMemoryGguf } from '../models/in-memory-gguf';
import { loadModel } from '../../lib/llm/cpu/load-model';
import { createForward } from '../../lib/llm/cpu/forward';
import { argmax } from '../../lib/llm/cpu/sampler';
import { createReferenceKernels, matmulsOneByOne } from '../../lib/llm/cpu/reference-kernels';
import { createNodeKernels } from '../../lib/llm/cpu/kernels/node-kernels';
import { quantizeActivations } from '../../lib/llm/cpu/kernels/oracle';

const nativeDir = process.argv.slice(2).filter((a) => a !== '--')[0] ?? '/tmp/native';
const { getLlama } = await import(createRequire(`${nativeDir}/node_modules/`).resolve('node-llama-cpp'));
const llama = await getLlama({ gpu: false, build: 'never' });
let PROMPT = Array.from({ length: 20 }, (_, i) => 10 + ((i * 37) % 900));
const STEPS = 12;

/**
 * The JavaScript reference; NATIVE_CHECK_QREF=1: with its matmul inputs quantized to int8 per 32 with an fp16 scale
 * first, as llama.cpp's (to tell whether activation quantization alone explains a difference).
 */
function referenceKernels(): Kernels {
  const k = createReferenceKernels();
  if (!process.env.NATIVE_CHECK_QREF) return k;
  const matmul: Kernels['matmul'] = (m, x, tokens, out) => {
    if (m.sourceType !== GgmlType.F32 && m.sourceType !== GgmlType.F16) {
      const v = k.f32(x, tokens * m.cols);
      const xq = k.alloc(v.length * 4);
      k.f32(xq, v.length).set(quantizeActivations(v, m.cols).xq);
      return k.matmul(m, xq, tokens, out);
    }
    return k.matmul(m, x, tokens, out);
  };
  return { ...k, matmul, matmuls: matmulsOneByOne(matmul) };
}

async function ours(bytes: Uint8Array, kernels: Kernels) {
  const { header, read } = inMemoryGguf(bytes);
  const f = createForward(kernels, await loadModel(header, read, kernels), PROMPT.length + STEPS + 8, 8);
  let logits!: Float32Array;
  for (let at = 0; at < PROMPT.length; at += 8) logits = f.run(PROMPT.slice(at, at + 8), at);
  const out = [argmax(logits)];
  for (let i = 1; i < STEPS; i++) out.push(argmax(f.run([out[i - 1]!], PROMPT.length + i - 1)));
  return out;
}

async function native(path: string) {
  const model = await llama.loadModel({ modelPath: path });
  const context = await model.createContext({ contextSize: PROMPT.length + STEPS + 8, threads: 1 });
  const out: number[] = [];
  for await (const t of context.getSequence().evaluate(PROMPT, { temperature: 0 })) {
    out.push(t);
    if (out.length >= STEPS) break;
  }
  await context.dispose();
  await model.dispose();
  return out;
}

// [name, model, prompt length, skip the (slow) JavaScript reference]
const CASES: [string, RandomGgufOptions, number?, boolean?][] = [
  ['SmolLM2-360M shape (2 layers), F32, 500-token prompt', { type: GgmlType.F32, nEmbd: 960, nHead: 15, nKvHead: 5, nFf: 2560 }, 500],
  ['llama F32, tied output', { type: GgmlType.F32 }],
  ['llama F32 with rope_freqs and output.weight', { type: GgmlType.F32, ropeFreqs: true, output: true }],
  ['qwen2 F32 with biases', { arch: 'qwen2', type: GgmlType.F32, nHead: 4, nKvHead: 2 }],
  // Quantized: llama.cpp (and the wasm kernels) quantize activations too, so near-ties may part; most should agree.
  ['llama Q8_0 (activations quantized: near-ties may differ)', { type: GgmlType.Q8_0 }],
  ['SmolLM2-360M shape (4 layers), Q8_0, 500-token prompt', { type: GgmlType.Q8_0, nEmbd: 960, nHead: 15, nKvHead: 5, nFf: 2560, nLayer: 4 }, 500],
  ['qwen2 Q4_0 (activations quantized: near-ties may differ)', { arch: 'qwen2', type: GgmlType.Q4_0, output: true, nHead: 4 }],
  // Full depth: before activation scales were rounded to fp16 (as llama.cpp's q8 blocks), these parted from the start.
  ['SmolLM2-360M shape (12 layers), Q8_0, 100-token prompt', { type: GgmlType.Q8_0, nEmbd: 960, nHead: 15, nKvHead: 5, nFf: 2560, nLayer: 12 }, 100, true],
  ['SmolLM2-360M shape (32 layers), Q8_0, 100-token prompt', { type: GgmlType.Q8_0, nEmbd: 960, nHead: 15, nKvHead: 5, nFf: 2560, nLayer: 32 }, 100, true],
];
const only = process.env.NATIVE_CHECK_ONLY; // a substring of the case names to run (NATIVE_CHECK_REFERENCE=1: no skip)
for (const [name, o, promptLength = 20, skipReference = false] of CASES) {
  if (only && !name.includes(only)) continue;
  PROMPT = Array.from({ length: promptLength }, (_, i) => 300 + ((i * 37) % 700));
  const bytes = makeRandomGguf({ nLayer: 2, ...o, seed: 3 });
  const path = `/tmp/hearth-native-check-${process.pid}.gguf`;
  writeFileSync(path, bytes);
  const a = await native(path);
  const b = skipReference && !process.env.NATIVE_CHECK_REFERENCE ? [] : await ours(bytes, referenceKernels());
  // NATIVE_CHECK_WASM: another kernels build (e.g. an older one, to compare).
  const wasm = process.env.NATIVE_CHECK_WASM;
  const c = await ours(bytes, await createNodeKernels(1, wasm ? new Uint8Array(readFileSync(wasm)) : undefined));
  console.log(`${name}\n  llama.cpp ${a.join(',')}\n  reference ${b.join(',')}\n  wasm      ${c.join(',')}`);
}
process.exit(0);
