/**
 * The engine against an independent oracle: native llama.cpp's greedy tokens and top-k log-probabilities on seeded
 * random-weight models of every architecture variant and quantization the engine runs (recorded by
 * scripts/make-engine-oracle.ts into tests/fixtures/engine-oracle/). Teacher-forced: the engine reads the prompt,
 * then each token native chose, and at every step native's top tokens must get the log-probabilities native gave
 * them (within the case's stated tolerance) and the engine's own choice must be native's. The reference kernels
 * and the SIMD128 wasm build run here; the relaxed build is held to the SIMD128 one in Chromium
 * (kernels/relaxed-browser.test.ts). A wiring bug (gate/up swapped, the wrong RoPE mode, the wrong GQA head map, a
 * missing bias; Gemma 3's √d embedding scale, post-norms, sliding window or local RoPE base) fails it: the last tests
 * plant each and check the comparison sees it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createReferenceKernels } from './reference-kernels';
import { createNodeKernels } from './kernels/node-kernels';
import { createForward, type KvType } from './forward';
import { loadModel, type ModelWeights, type ReadRange } from './load-model';
import type { Kernels } from './kernel-api';
import { inMemoryGguf } from '../../../testkit/models/in-memory-gguf';
import type { GgufHeader } from '../../gguf/read';
import { ORACLE_CASES, oracleModel, sha256, type OracleCase, type OracleFile, type OracleRecord } from '../../../testkit/cpu-engine/oracle-cases';

const oracle = JSON.parse(readFileSync(new URL('../../../tests/fixtures/engine-oracle/native-reference.json', import.meta.url), 'utf8')) as OracleFile;
const recordOf = (c: OracleCase) => oracle.cases.find((r) => r.name === c.name)!;

const logSoftmax = (logits: Float32Array) => {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let z = 0;
  for (const v of logits) z += Math.exp(v - max);
  const lz = max + Math.log(z);
  return (t: number) => logits[t]! - lz;
};
const argmax = (a: Float32Array) => a.reduce((best, v, i) => (v > a[best]! ? i : best), 0);

export interface OracleGap {
  /** The largest |engine − native| log-probability over native's top tokens at every step (nats). */
  worst: number;
  /** Steps where the engine's own choice was not native's, beyond a near tie (native's own gap under the tolerance). */
  misses: number;
}

/** Run the engine on `record`'s prompt and native's tokens; how far its log-probabilities are from native's. */
async function gapTo(record: OracleRecord, weights: ModelWeights, kernels: Kernels, tolerance: number, kvType?: KvType): Promise<OracleGap> {
  const forward = createForward(kernels, weights, 64, 16, 1, kvType);
  let logits!: Float32Array;
  for (let at = 0; at < record.prompt.length; at += 16) logits = forward.run(record.prompt.slice(at, at + 16), at);
  let worst = 0;
  let misses = 0;
  for (const [i, step] of record.steps.entries()) {
    const lp = logSoftmax(logits);
    for (const [t, native] of step.top) worst = Math.max(worst, Math.abs(lp(t) - native));
    const mine = argmax(logits);
    const nativeOfMine = step.top.find(([t]) => t === mine)?.[1] ?? -Infinity;
    if (mine !== step.token && step.top[0]![1] - nativeOfMine > tolerance) misses++;
    logits = forward.run([step.token], record.prompt.length + i);
  }
  return { worst, misses };
}

async function load(c: OracleCase, kernels: Kernels, change: (read: ReadRange, header: GgufHeader) => ReadRange = (r) => r) {
  const bytes = oracleModel(c);
  const { header, read } = inMemoryGguf(bytes);
  return { bytes, weights: await loadModel(header, change(read, header), kernels) };
}

describe('the engine against native llama.cpp (recorded oracle)', { timeout: 60_000 }, () => {
  it('has a record for every case, of the model the generator makes now', () => {
    expect(oracle.cases.map((r) => r.name)).toEqual(ORACLE_CASES.map((c) => c.name));
    for (const c of ORACLE_CASES) expect(sha256(oracleModel(c)), c.name).toBe(recordOf(c).sha256);
  });

  // The reference kernels read F32, F16, BF16, Q8_0, Q4_0 and Q4_1; the wasm kernels every type of the list.
  const reference = createReferenceKernels();
  const runs = ORACLE_CASES.flatMap((c) => [
    ...(reference.supports(c.model.type!) ? [{ c, label: 'reference kernels', threads: 0 }] : []),
    { c, label: 'wasm kernels (SIMD128), 2 threads', threads: 2 },
    // Gemma 3's sliding window reads the cache from a row offset that depends on the cache's type: fp16 too.
    ...(c.model.arch === 'gemma3' ? [{ c, label: 'wasm kernels (SIMD128), 2 threads, fp16 KV cache', threads: 2, kvType: 'f16' as const }] : []),
  ]);
  it.each(runs)('$c.name: $label', async ({ c, label, threads, kvType }: { c: OracleCase; label: string; threads: number; kvType?: KvType }) => {
    const kernels = threads ? await createNodeKernels(threads) : createReferenceKernels();
    try {
      const gap = await gapTo(recordOf(c), (await load(c, kernels)).weights, kernels, c.tolerance, kvType);
      console.log(`oracle ${c.name}, ${label}: worst log-probability gap ${gap.worst.toFixed(4)} (tolerance ${c.tolerance}), ${gap.misses} misses`);
      expect(gap.misses).toBe(0);
      expect(gap.worst).toBeLessThanOrEqual(c.tolerance);
    } finally {
      kernels.dispose?.();
    }
  });
});

/** Swap the rows of the first two KV heads in every layer's K and V matrices: query heads read the wrong KV head. */
const swapKvHeads = (read: ReadRange, header: GgufHeader): ReadRange => async (start, end) => {
  const bytes = await read(start, end);
  const t = header.tensors.find((x) => x.offset === start && /attn_[kv]\.weight$/.test(x.name));
  if (!t) return bytes;
  const headDim = Number(header.metadata['llama.embedding_length']) / Number(header.metadata['llama.attention.head_count']);
  const rowBytes = bytes.length / t.dims[1]!;
  const head = bytes.slice(0, headDim * rowBytes);
  const out = bytes.slice();
  out.copyWithin(0, headDim * rowBytes, 2 * headDim * rowBytes);
  out.set(head, headDim * rowBytes);
  return out;
};

const GEMMA3_F32 = 'gemma3 F32 (sliding window, post-norms, GeGLU, q/k norms, output.weight)';

describe('the oracle catches wiring bugs', { timeout: 60_000 }, () => {
  const byName = (name: string) => ORACLE_CASES.find((c) => c.name === name)!;
  const planted: [string, string, (w: ModelWeights) => void, ((read: ReadRange, header: GgufHeader) => ReadRange)?][] = [
    ['FFN gate and up swapped', 'llama Q8_0, tied output', (w) => w.layers.forEach((l) => ([l.gate, l.up] = [l.up, l.gate]))],
    ['the wrong RoPE mode', 'llama F32, tied output', (w) => void (w.config.ropeMode = w.config.ropeMode === 'norm' ? 'neox' : 'norm')],
    ['the wrong GQA head map', 'llama Q8_0, tied output', () => {}, swapKvHeads],
    ['the q/k/v biases left out', 'qwen2 F32 with biases', (w) => w.layers.forEach((l) => void (delete l.bq, delete l.bk, delete l.bv))],
    ["Qwen3's q/k norms left out", 'qwen3 F32 (q/k norms, heads wider than the embedding over them)', (w) => w.layers.forEach((l) => void (delete l.qNorm, delete l.kNorm))],
    ["Gemma 3's embedding left unscaled by √d", GEMMA3_F32, (w) => void (w.config.gemma3!.embdScale = 1)],
    ["Gemma 3's post-attention and post-FFN norms left out", GEMMA3_F32, (w) => w.layers.forEach((l) => void (delete l.attnPostNorm, delete l.ffnPostNorm))],
    ["Gemma 3's sliding window left out (every layer global)", GEMMA3_F32, (w) => void (w.config.gemma3!.slidingWindow = 1 << 30)],
    ["Gemma 3's sliding window one position short", GEMMA3_F32, (w) => void (w.config.gemma3!.slidingWindow -= 1)],
    ["Gemma 3's local layers on the global RoPE base", 'gemma3 Q8_0, tied output', (w) => void (w.config.gemma3!.localRopeTheta = w.config.ropeTheta)],
  ];
  it.each(planted)('%s (on %s)', async (_bug, name, plant, change) => {
    const c = byName(name);
    const kernels = createReferenceKernels();
    const { weights } = await load(c, kernels, change);
    plant(weights);
    const gap = await gapTo(recordOf(c), weights, kernels, c.tolerance);
    console.log(`oracle with ${_bug}: worst log-probability gap ${gap.worst.toFixed(3)}, ${gap.misses} misses`);
    expect(gap.worst > c.tolerance || gap.misses > 0).toBe(true);
    expect(gap.worst).toBeGreaterThan(3 * c.tolerance); // not a near thing
  });
});
