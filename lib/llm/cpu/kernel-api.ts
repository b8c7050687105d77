/**
 * The compute Hearth's CPU engine needs for one llama-family forward pass, behind one interface: the model code
 * (forward pass, KV cache, sampling) never knows whether a WebAssembly SIMD build with worker threads or a plain
 * JavaScript reference does the arithmetic.
 *
 * Memory: every buffer lives in the kernels' memory (for the WebAssembly build, one shared WebAssembly.Memory that
 * helper threads also see). Buffers are named by byte offsets (`Ptr`); views are made on demand, since memory may
 * grow. Nothing is freed one by one: a model's whole memory goes with `dispose()`.
 *
 * Shapes: activations are row-major f32, one row per token (`tokens × n`). A matrix has `rows` outputs, each the dot
 * product of its `cols` weights with an input row — GGUF's ggml order, where dims[0] = cols is contiguous.
 * All calls are synchronous and block the calling thread (run them in a worker, never on a page's main thread).
 */

/** A byte offset into the kernels' memory. */
export type Ptr = number;

/** ggml tensor types, numbered as in GGUF files (lib/gguf/types.ts owns them). */
export { GgmlType } from '../../gguf/types';

/** A weight matrix held in the kernels' own layout (repacked from GGUF's when loaded). */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** The GGUF type it came from. */
  readonly sourceType: number;
  /** Bytes it takes in the kernels' memory. */
  readonly bytes: number;
}

export interface RopeParams {
  /** `<arch>.rope.freq_base`. */
  theta: number;
  /** 'norm' rotates adjacent pairs (llama); 'neox' rotates i with i + dims/2 (qwen2). */
  mode: 'norm' | 'neox';
  /** Leading dimensions of each head that rotate (`<arch>.rope.dimension_count`, usually the head size). */
  dims: number;
  /** Per-pair frequency divisors (`rope_freqs.weight`, llama 3 scaling), dims/2 of them. */
  freqFactors?: Float32Array;
}

export interface Kernels {
  /** Threads that share a matmul or attention call (1 = the calling thread only). */
  readonly threads: number;
  /** Reserve `bytes` (16-byte aligned, zeroed) for activations, a KV cache or scratch. */
  alloc(bytes: number): Ptr;
  f32(ptr: Ptr, length: number): Float32Array;
  i32(ptr: Ptr, length: number): Int32Array;
  /** Which GGUF types `loadMatrix` takes. */
  supports(type: number): boolean;
  /** Take one tensor's GGUF bytes (`rows` rows of `cols` values of ggml `type`) into the kernels' own layout. */
  loadMatrix(type: number, data: Uint8Array, rows: number, cols: number): Matrix;
  /** Load a 1-D F32/F16 tensor (norm weights, biases, rope factors) as f32. */
  loadVector(type: number, data: Uint8Array, length: number): Ptr;
  /** out[0 .. cols) = row `row` of `m` as f32 (the token embedding lookup). */
  getRow(m: Matrix, row: number, out: Ptr): void;
  /** out[t·rows + r] = Σ_c m[r, c] · x[t·cols + c], for every token t < tokens. */
  matmul(m: Matrix, x: Ptr, tokens: number, out: Ptr): void;
  /**
   * `matmul(ms[i], x, tokens, outs[i])` for each i: one input through several matrices of its width (a layer's q, k
   * and v; gate and up), which an implementation may run as one call.
   */
  matmuls(ms: readonly Matrix[], x: Ptr, tokens: number, outs: readonly Ptr[]): void;
  /** out[t·n + i] = x[t·n + i] / sqrt(mean_i(x[t]²) + eps) · w[i]. `out` may be `x`. */
  rmsNorm(x: Ptr, w: Ptr, out: Ptr, tokens: number, n: number, eps: number): void;
  /** x[t·n + i] += bias[i] for every token (qwen2's q/k/v biases). */
  addBias(x: Ptr, bias: Ptr, tokens: number, n: number): void;
  /** Rotate every head of x (tokens × heads × headDim) in place; token t sits at position positions[t] (an i32 buffer). */
  rope(x: Ptr, tokens: number, heads: number, headDim: number, positions: Ptr, p: RopeParams): void;
  /**
   * Causal attention with grouped KV heads. q: tokens × nHead × headDim. The caches hold one row of
   * nKvHead × headDim f32 (fp16 when `f16`) per position; this call's tokens are already written at positions startPos … startPos+tokens-1.
   * Token t attends to positions 0 … startPos+t, scaled by 1/sqrt(headDim). out: tokens × nHead × headDim.
   */
  attention(q: Ptr, kCache: Ptr, vCache: Ptr, out: Ptr, tokens: number, startPos: number, nHead: number, nKvHead: number, headDim: number, f16?: boolean): void;
  /** out[i] = x[i] as fp16 bits (round to nearest, ties to even): the KV cache's rows when `attention` reads fp16. */
  storeF16(x: Ptr, out: Ptr, n: number): void;
  /** out[i] = silu(gate[i]) · up[i], silu(x) = x / (1 + e^-x). `out` may be `gate`. */
  siluMul(gate: Ptr, up: Ptr, out: Ptr, n: number): void;
  /** out[i] = a[i] + b[i]. `out` may be `a`. */
  add(a: Ptr, b: Ptr, out: Ptr, n: number): void;
  /** Free the memory and stop any helper threads. */
  dispose(): void;
}
