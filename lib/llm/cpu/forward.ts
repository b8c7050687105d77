import type { Kernels, Ptr, RopeParams } from './kernel-api';
import type { ModelWeights } from './load-model';

export interface Forward {
  readonly nCtx: number;
  readonly maxBatch: number;
  /**
   * Run `tokens` (at most maxBatch) at positions startPos…, writing their keys and values into the cache, and return
   * the last token's logits (a view that the next call overwrites).
   */
  run(tokens: ArrayLike<number>, startPos: number): Float32Array;
}

/** The llama-family forward pass over an f32 KV cache of nCtx positions; buffers are allocated once, here. */
export function createForward(kernels: Kernels, weights: ModelWeights, nCtx: number, maxBatch: number): Forward {
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
  const positions = kernels.alloc(maxBatch * 4);
  const kCache: Ptr[] = [];
  const vCache: Ptr[] = [];
  for (let l = 0; l < nLayer; l++) {
    kCache.push(kernels.alloc(nCtx * kvDim * F));
    vCache.push(kernels.alloc(nCtx * kvDim * F));
  }
  const rope: RopeParams = {
    theta: weights.config.ropeTheta,
    mode: weights.config.ropeMode,
    dims: weights.config.ropeDims,
    freqFactors: weights.ropeFreqs,
  };

  function run(tokens: ArrayLike<number>, startPos: number): Float32Array {
    const n = tokens.length;
    if (n < 1 || n > maxBatch) throw new RangeError(`A batch holds 1 to ${maxBatch} tokens, not ${n}.`);
    if (startPos + n > nCtx) throw new RangeError(`Positions ${startPos}…${startPos + n - 1} do not fit a context of ${nCtx}.`);
    const pos = kernels.i32(positions, n);
    for (let t = 0; t < n; t++) {
      kernels.getRow(weights.tokEmbd, tokens[t]!, x + t * nEmbd * F);
      pos[t] = startPos + t;
    }
    for (let l = 0; l < nLayer; l++) {
      const w = weights.layers[l]!;
      // Keys and values go straight into their cache rows: no copy.
      const k = kCache[l]! + startPos * kvDim * F;
      const v = vCache[l]! + startPos * kvDim * F;
      kernels.rmsNorm(x, w.attnNorm, xb, n, nEmbd, eps);
      kernels.matmul(w.wq, xb, n, q);
      kernels.matmul(w.wk, xb, n, k);
      kernels.matmul(w.wv, xb, n, v);
      if (w.bq !== undefined) kernels.addBias(q, w.bq, n, qDim);
      if (w.bk !== undefined) kernels.addBias(k, w.bk, n, kvDim);
      if (w.bv !== undefined) kernels.addBias(v, w.bv, n, kvDim);
      kernels.rope(q, n, nHead, headDim, positions, rope);
      kernels.rope(k, n, nKvHead, headDim, positions, rope);
      kernels.attention(q, kCache[l]!, vCache[l]!, attn, n, startPos, nHead, nKvHead, headDim);
      kernels.matmul(w.wo, attn, n, xb);
      kernels.add(x, xb, x, n * nEmbd);
      kernels.rmsNorm(x, w.ffnNorm, xb, n, nEmbd, eps);
      kernels.matmul(w.gate, xb, n, gate);
      kernels.matmul(w.up, xb, n, up);
      kernels.siluMul(gate, up, gate, n * nFf);
      kernels.matmul(w.down, gate, n, xb);
      kernels.add(x, xb, x, n * nEmbd);
    }
    // Only the last token's logits are needed (the next token); the others only fill the cache.
    const last = x + (n - 1) * nEmbd * F;
    kernels.rmsNorm(last, weights.outputNorm, xb, 1, nEmbd, eps);
    kernels.matmul(weights.output, xb, 1, logits);
    return kernels.f32(logits, nVocab);
  }

  return { nCtx, maxBatch, run };
}
