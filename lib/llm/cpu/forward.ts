import type { Kernels, Ptr, RopeParams } from './kernel-api';
import type { ModelWeights } from './load-model';
import { isLocalLayer } from './gemma3-config';
import { geluMul, scaleInPlace, windowedAttention } from './gemma3-ops';

export interface Forward {
  /** Positions each slot holds. */
  readonly nCtx: number;
  readonly maxBatch: number;
  /** KV cache slots: sequences kept side by side, each of nCtx positions. */
  readonly nSlots: number;
  readonly kvType: KvType;
  /**
   * Run `tokens` (at most maxBatch) at positions startPos… of `slot`, writing their keys and values into its cache,
   * and return the last token's logits (a view that the next call overwrites); with `logits` false, only fill the
   * cache (a prompt batch before the last: the vocabulary-sized output matmul is skipped) and return null.
   */
  run(tokens: ArrayLike<number>, startPos: number, slot?: number, logits?: true): Float32Array;
  run(tokens: ArrayLike<number>, startPos: number, slot: number, logits: boolean): Float32Array | null;
  /**
   * `run`, checking `shouldStop` between layers: true leaves the batch unfinished and returns STOPPED (its positions
   * hold nothing usable and must not be counted as read; the next read writes over them). A user's request then
   * waits for one layer of a prompt batch, not the whole batch (~30 ms, not ~0.7 s, at 1,500 tokens on 2 cores).
   */
  runUnlessStopped(tokens: ArrayLike<number>, startPos: number, slot: number, logits: boolean, shouldStop: () => boolean): Float32Array | null | typeof STOPPED;
  /** Copy the keys and values of positions 0…n-1 from slot `from` to slot `to` (a shared prefix, not read again). */
  copyPrefix(from: number, to: number, n: number): void;
}

/** What `runUnlessStopped` returns for a batch it left unfinished. */
export const STOPPED = Symbol('stopped');

/** How the KV cache keeps keys and values: fp16 (llama.cpp's default, half the memory) or f32. */
export type KvType = 'f16' | 'f32';
/**
 * f32: attention now converts each fp16 cache block once per KV head (ops.c attention_group), which brought the fp16
 * cache from 0.52x to 0.83x of f32's prompt reading, but WebAssembly has no fp16 conversion instruction and the
 * conversion still costs about as much as the dot products it feeds (Qwen2.5-0.5B Q4_0 shape, 2,000-token prompt, 2
 * threads, one run: prefill 130 vs 108 tokens/s, decode after it 37 vs 28). fp16 halves the cache's memory; it is
 * built and tested (kernels-agree, kv-f16.test.ts, the tiny model's exact text) for when memory matters more.
 */
export const DEFAULT_KV_TYPE: KvType = 'f32';

/** Bytes of KV cache one position takes in every layer (keys and values). */
export const kvBytesPerToken = (c: { nLayer: number; nKvHead: number; headDim: number }, type: KvType = DEFAULT_KV_TYPE) =>
  c.nLayer * 2 * c.nKvHead * c.headDim * (type === 'f16' ? 2 : 4);

/**
 * The llama-family forward pass (and Gemma 3's: post-norms, GeGLU, sliding-window layers) over a KV cache of `nSlots` × nCtx positions. Activations are allocated here, once;
 * a slot's cache is allocated the first time it is used (the kernels' memory never shrinks, so what a slot takes
 * stays taken: at most nSlots × nCtx × kvBytesPerToken in all). With an fp16 cache, keys and values are computed in
 * f32 scratch rows and rounded into the cache; attention reads them back as f32.
 */
export function createForward(kernels: Kernels, weights: ModelWeights, nCtx: number, maxBatch: number, nSlots = 1, kvType: KvType = DEFAULT_KV_TYPE): Forward {
  const { nEmbd, nHead, nKvHead, headDim, nFf, nVocab, eps, nLayer } = weights.config;
  const qDim = nHead * headDim;
  const kvDim = nKvHead * headDim;
  const F = 4;
  const x = kernels.alloc(maxBatch * nEmbd * F);
  const xb = kernels.alloc(maxBatch * Math.max(nEmbd, qDim) * F);
  const q = kernels.alloc(maxBatch * qDim * F);
  const attn = kernels.alloc(maxBatch * qDim * F);
  const gate = kernels.alloc(maxBatch * nFf * F);
  const up = kernels.alloc(maxBatch * nFf * F);
  const logits = kernels.alloc(nVocab * F);
  const f16 = kvType === 'f16';
  const KV = f16 ? 2 : 4; // bytes a cached value takes
  const kNew = f16 ? kernels.alloc(maxBatch * kvDim * F) : 0;
  const vNew = f16 ? kernels.alloc(maxBatch * kvDim * F) : 0;
  const positions = kernels.alloc(maxBatch * 4);
  const slots: Array<{ k: Ptr[]; v: Ptr[] } | undefined> = Array.from({ length: nSlots }, () => undefined);
  const slotCache = (slot: number) => {
    if (!(slot >= 0 && slot < nSlots)) throw new RangeError(`There is no KV slot ${slot} of ${nSlots}.`);
    return (slots[slot] ??= {
      k: Array.from({ length: nLayer }, () => kernels.alloc(nCtx * kvDim * KV)),
      v: Array.from({ length: nLayer }, () => kernels.alloc(nCtx * kvDim * KV)),
    });
  };
  const g3 = weights.config.gemma3;
  const rope: RopeParams = {
    theta: weights.config.ropeTheta,
    mode: weights.config.ropeMode,
    dims: weights.config.ropeDims,
    freqFactors: weights.ropeFreqs,
  };
  // Per layer: the RoPE base and the attention window (0: the whole context). Gemma 3's local layers differ.
  const local = Array.from({ length: nLayer }, (_, l) => g3 !== undefined && isLocalLayer(g3, l));
  const ropeOf = local.map((isLocal) => (isLocal ? { ...rope, theta: g3!.localRopeTheta } : rope));
  // The kernels scale scores by 1/√headDim; a model that wants another scale gets its queries scaled by the ratio.
  const ratio = g3 ? g3.attnScale * Math.sqrt(headDim) : 1;
  const qScale = Math.abs(ratio - 1) < 1e-6 ? 1 : ratio;

  /** Layer l's attention over `n` tokens of x, its output projection left in xb. */
  function attend(l: number, n: number, startPos: number, kCache: Ptr, vCache: Ptr) {
    const w = weights.layers[l]!;
    // f32: keys and values go straight into their cache rows. fp16: into scratch rows, rounded into the cache below.
    const k = f16 ? kNew : kCache + startPos * kvDim * F;
    const v = f16 ? vNew : vCache + startPos * kvDim * F;
    kernels.rmsNorm(x, w.attnNorm, xb, n, nEmbd, eps);
    kernels.matmuls([w.wq, w.wk, w.wv], xb, n, [q, k, v]);
    if (w.bq !== undefined) kernels.addBias(q, w.bq, n, qDim);
    if (w.bk !== undefined) kernels.addBias(k, w.bk, n, kvDim);
    if (w.bv !== undefined) kernels.addBias(v, w.bv, n, kvDim);
    if (w.qNorm !== undefined) kernels.rmsNorm(q, w.qNorm, q, n * nHead, headDim, eps); // Qwen3, Gemma 3: each head on its own
    if (w.kNorm !== undefined) kernels.rmsNorm(k, w.kNorm, k, n * nKvHead, headDim, eps);
    kernels.rope(q, n, nHead, headDim, positions, ropeOf[l]!);
    kernels.rope(k, n, nKvHead, headDim, positions, ropeOf[l]!);
    if (qScale !== 1) scaleInPlace(kernels, q, n * qDim, qScale);
    if (f16) {
      kernels.storeF16(k, kCache + startPos * kvDim * KV, n * kvDim);
      kernels.storeF16(v, vCache + startPos * kvDim * KV, n * kvDim);
    }
    const call = { q, kCache, vCache, out: attn, tokens: n, startPos, nHead, nKvHead, headDim, f16 };
    if (local[l]) windowedAttention(kernels, call, g3!.slidingWindow, KV);
    else kernels.attention(q, kCache, vCache, attn, n, startPos, nHead, nKvHead, headDim, f16);
    kernels.matmul(w.wo, attn, n, xb);
  }

  /** Layer l's feed-forward network over `n` tokens of x, its output left in xb. */
  function feedForward(l: number, n: number) {
    const w = weights.layers[l]!;
    kernels.rmsNorm(x, w.ffnNorm, xb, n, nEmbd, eps);
    kernels.matmuls([w.gate, w.up], xb, n, [gate, up]);
    if (g3) geluMul(kernels, gate, up, gate, n * nFf); // Gemma's GeGLU
    else kernels.siluMul(gate, up, gate, n * nFf);
    kernels.matmul(w.down, gate, n, xb);
  }

  function run(tokens: ArrayLike<number>, startPos: number, slot = 0, wantLogits = true, shouldStop?: () => boolean): Float32Array | null | typeof STOPPED {
    const { k: kCache, v: vCache } = slotCache(slot);
    const n = tokens.length;
    if (n < 1 || n > maxBatch) throw new RangeError(`A batch holds 1 to ${maxBatch} tokens, not ${n}.`);
    if (startPos + n > nCtx) throw new RangeError(`Positions ${startPos}…${startPos + n - 1} do not fit a context of ${nCtx}.`);
    const pos = kernels.i32(positions, n);
    for (let t = 0; t < n; t++) {
      kernels.getRow(weights.tokEmbd, tokens[t]!, x + t * nEmbd * F);
      pos[t] = startPos + t;
    }
    if (g3) scaleInPlace(kernels, x, n * nEmbd, g3.embdScale);
    for (let l = 0; l < nLayer; l++) {
      if (shouldStop?.()) return STOPPED;
      const w = weights.layers[l]!;
      attend(l, n, startPos, kCache[l]!, vCache[l]!);
      if (w.attnPostNorm !== undefined) kernels.rmsNorm(xb, w.attnPostNorm, xb, n, nEmbd, eps);
      kernels.add(x, xb, x, n * nEmbd);
      feedForward(l, n);
      if (w.ffnPostNorm !== undefined) kernels.rmsNorm(xb, w.ffnPostNorm, xb, n, nEmbd, eps);
      kernels.add(x, xb, x, n * nEmbd);
    }
    // Only the last token's logits are needed (the next token); the others only fill the cache.
    if (!wantLogits) return null;
    const last = x + (n - 1) * nEmbd * F;
    kernels.rmsNorm(last, weights.outputNorm, xb, 1, nEmbd, eps);
    kernels.matmul(weights.output, xb, 1, logits);
    return kernels.f32(logits, nVocab);
  }

  function copyPrefix(from: number, to: number, n: number) {
    if (n < 0 || n > nCtx) throw new RangeError(`Cannot copy ${n} positions of a context of ${nCtx}.`);
    const src = slotCache(from);
    const dst = slotCache(to);
    const values = Math.ceil((n * kvDim * KV) / 4); // copied as 4-byte words (a row of fp16 may end mid-word)
    for (let l = 0; l < nLayer; l++) {
      kernels.f32(dst.k[l]!, values).set(kernels.f32(src.k[l]!, values));
      kernels.f32(dst.v[l]!, values).set(kernels.f32(src.v[l]!, values));
    }
  }

  return {
    nCtx, maxBatch, nSlots, kvType, copyPrefix,
    run: run as Forward['run'],
    runUnlessStopped: (tokens, startPos, slot, logits, shouldStop) => run(tokens, startPos, slot, logits, shouldStop),
  };
}
