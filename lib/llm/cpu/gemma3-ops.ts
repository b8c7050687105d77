/**
 * The few steps Gemma 3 needs beyond the Kernels contract, on the kernels' own memory (f32 views, so they run on the
 * reference and the WebAssembly kernels alike): scaling rows, the tanh-approximate GELU of its GeGLU FFN, and
 * attention through a sliding window. All are cheap next to the matmuls around them (GELU: nFf values per token).
 */
import type { Kernels, Ptr } from './kernel-api';

/** x[i] *= s for i < n. */
export function scaleInPlace(kernels: Kernels, x: Ptr, n: number, s: number): void {
  const xs = kernels.f32(x, n);
  for (let i = 0; i < n; i++) xs[i] = xs[i]! * s;
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** out[i] = gelu(gate[i]) · up[i], gelu(x) = x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³))). `out` may be `gate`. */
export function geluMul(kernels: Kernels, gate: Ptr, up: Ptr, out: Ptr, n: number): void {
  const g = kernels.f32(gate, n);
  const u = kernels.f32(up, n);
  const o = kernels.f32(out, n);
  for (let i = 0; i < n; i++) {
    const x = g[i]!;
    o[i] = 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * x * (1 + 0.044715 * x * x))) * u[i]!;
  }
}

export interface AttentionCall {
  q: Ptr;
  kCache: Ptr;
  vCache: Ptr;
  out: Ptr;
  tokens: number;
  startPos: number;
  nHead: number;
  nKvHead: number;
  headDim: number;
  f16: boolean;
}

/**
 * Causal attention where the query at position p sees only keys p-window+1 … p. The kernel's attention sees a cache
 * from its start, so a token whose window no longer starts at 0 gets a call of its own on the cache from its window's
 * first row on (`kvBytes`: bytes of one cached value); the tokens whose window still starts at 0 share one call.
 */
export function windowedAttention(kernels: Kernels, a: AttentionCall, window: number, kvBytes: number): void {
  const { tokens, startPos, nHead, nKvHead, headDim } = a;
  const shared = Math.min(tokens, Math.max(0, window - startPos));
  if (shared > 0) kernels.attention(a.q, a.kCache, a.vCache, a.out, shared, startPos, nHead, nKvHead, headDim, a.f16);
  const qRow = nHead * headDim * 4;
  const kvRow = nKvHead * headDim * kvBytes;
  for (let t = shared; t < tokens; t++) {
    const first = startPos + t - window + 1;
    kernels.attention(a.q + t * qRow, a.kCache + first * kvRow, a.vCache + first * kvRow, a.out + t * qRow, 1, window - 1, nHead, nKvHead, headDim, a.f16);
  }
}
