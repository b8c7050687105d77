/**
 * The runners scripts/fidelity-at-depth.ts compares: native llama.cpp (node-llama-cpp) and Hearth's engine (the
 * wasm kernels in Node), each reading a GGUF file teacher-forced. Both read the prompt as one batch and then one
 * token per call, as generation does, and hand back the log-probabilities of the next token after the prompt's last
 * position and after each forced token. With no forced tokens, native continues greedily (the reference run, whose
 * tokens the others are then forced along).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readGgufHeader } from '../../lib/gguf/read';
import { loadModel } from '../../lib/llm/cpu/load-model';
import { createForward, type KvType } from '../../lib/llm/cpu/forward';
import { createNodeKernels } from '../../lib/llm/cpu/kernels/node-kernels';
import { createReferenceKernels, matmulsOneByOne } from '../../lib/llm/cpu/reference-kernels';
import { quantizeActivations } from '../../lib/llm/cpu/kernels/oracle';
import { GgmlType, type Kernels } from '../../lib/llm/cpu/kernel-api';
import { argmax, logProbsFromMap, logSoftmax } from './fidelity';

type EvalItem = number | [number, { generateNext: { probabilities: true; options: { temperature: 0 } } }];
interface NativeSequence {
  controlledEvaluate(items: EvalItem[]): Promise<Array<undefined | { next: { probabilities?: Map<number, number> } }>>;
}
interface NativeContextOptions {
  contextSize: number;
  threads: number;
  batchSize: number;
  flashAttention?: boolean;
  experimentalKvCacheKeyType?: 'F32' | 'F16';
  experimentalKvCacheValueType?: 'F32' | 'F16';
}
/** The slice of node-llama-cpp's Llama these runs use. */
export interface NativeLlama {
  loadModel(o: { modelPath: string }): Promise<{
    createContext(o: NativeContextOptions): Promise<{ getSequence(): NativeSequence; dispose(): Promise<void> }>;
    dispose(): Promise<void>;
  }>;
}

export interface Run {
  /** The whole sequence: prompt, then the forced (or, for the reference, chosen) tokens. */
  tokens: number[];
  /** Next-token log-probabilities at positions prompt.length − 1 … tokens.length − 2. */
  logProbs: Float64Array[];
}

export interface NativeSettings {
  /** The KV cache's type: llama.cpp's default is F16. */
  kv: 'F32' | 'F16';
  /** Flash attention: undefined leaves node-llama-cpp's default ("auto"). */
  flashAttention?: boolean;
}

/** Native on `path`: forced along `forced` (the tokens after the prompt), or greedy for `steps` when it is null. */
export async function runNative(llama: NativeLlama, path: string, vocab: number, prompt: number[], forced: number[] | null, steps: number, s: NativeSettings): Promise<Run> {
  const model = await llama.loadModel({ modelPath: path });
  const context = await model.createContext({
    contextSize: prompt.length + steps + 8, threads: 1, batchSize: prompt.length,
    experimentalKvCacheKeyType: s.kv, experimentalKvCacheValueType: s.kv,
    ...(s.flashAttention === undefined ? {} : { flashAttention: s.flashAttention }),
  });
  try {
    const sequence = context.getSequence();
    const want = (t: number): EvalItem => [t, { generateNext: { probabilities: true, options: { temperature: 0 } } }];
    const tokens = [...prompt];
    const logProbs: Float64Array[] = [];
    let items: EvalItem[] = [...prompt.slice(0, -1), want(prompt.at(-1)!)];
    for (let i = 0; i < steps; i++) {
      const out = await sequence.controlledEvaluate(items);
      const probabilities = out.at(-1)?.next.probabilities;
      if (!probabilities) throw new Error('node-llama-cpp returned no probabilities');
      const lp = logProbsFromMap(probabilities, vocab);
      logProbs.push(lp);
      tokens.push(forced ? forced[i]! : argmax(lp));
      items = [want(tokens.at(-1)!)];
    }
    return { tokens, logProbs };
  } finally {
    await context.dispose();
    await model.dispose();
  }
}

/** Read ranges of a file (the engine's loader takes tensors one at a time, so a 2 GB file is never held whole). */
function fileReader(path: string) {
  const fd = openSync(path, 'r');
  const read = async (start: number, end: number) => {
    const buf = new Uint8Array(end - start);
    readSync(fd, buf, 0, buf.length, start);
    return buf;
  };
  return { fd, read, size: fstatSync(fd).size };
}

/**
 * The JavaScript reference kernels (exact f32 arithmetic on the dequantized weights, slow) with every quantized
 * matmul's input first rounded to int8 per 32 with an fp16 scale, as llama.cpp's q8_0 blocks: what activation
 * quantization alone costs, with no kernel's accumulation order in it. F32/F16 matrices take float inputs.
 */
export function createQ8ActivationKernels(): Kernels {
  const k = createReferenceKernels();
  const matmul: Kernels['matmul'] = (m, x, tokens, out) => {
    if (m.sourceType === GgmlType.F32 || m.sourceType === GgmlType.F16) return k.matmul(m, x, tokens, out);
    const v = k.f32(x, tokens * m.cols);
    const xq = k.alloc(v.length * 4);
    k.f32(xq, v.length).set(quantizeActivations(v, m.cols).xq);
    return k.matmul(m, xq, tokens, out);
  };
  return { ...k, matmul, matmuls: matmulsOneByOne(matmul) };
}

/** Hearth's engine (wasm kernels, SIMD128 build in Node, unless `kernels` says otherwise) on `path`, forced along `forced`. */
export async function runEngine(path: string, prompt: number[], forced: number[], kv: KvType, makeKernels: () => Promise<Kernels> | Kernels = () => createNodeKernels(1)): Promise<Run> {
  const { fd, read, size } = fileReader(path);
  const kernels = await makeKernels();
  try {
    const header = readGgufHeader(await read(0, Math.min(size, 64 << 20)));
    const weights = await loadModel(header, read, kernels);
    const forward = createForward(kernels, weights, prompt.length + forced.length + 8, prompt.length, 1, kv);
    const tokens = [...prompt];
    const logProbs = [logSoftmax(forward.run(prompt, 0))];
    for (const t of forced.slice(0, -1)) {
      tokens.push(t);
      logProbs.push(logSoftmax(forward.run([t], tokens.length - 1)));
    }
    tokens.push(forced.at(-1)!);
    return { tokens, logProbs };
  } finally {
    kernels.dispose?.();
    closeSync(fd);
  }
}
