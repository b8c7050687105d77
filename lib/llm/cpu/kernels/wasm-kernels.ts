/**
 * Kernels on Hearth's WebAssembly SIMD build (kernels.wasm, from the C beside this file): one shared memory, a bump
 * allocator, and helper threads that split matmul rows and attention heads with the calling thread.
 */
import type { Kernels, Matrix, Ptr, RopeParams } from '../kernel-api';
import { Kind, layoutOf, matrixBytes } from './layouts';
import { createThreadPool, type KernelThreadPort } from './thread-pool';
import { CTRL } from './thread-loop.mjs';
import { createRopeTables } from './rope-tables';
import { JOB_BYTES, writeJob, type JobArgs, type OpName } from './job-record';

export class UnsupportedTensorError extends Error {
  override name = 'UnsupportedTensorError';
}
export class KernelMemoryError extends Error {
  override name = 'KernelMemoryError';
}
export class KernelBuildError extends Error {
  override name = 'KernelBuildError';
}

interface WasmMatrix extends Matrix {
  readonly kind: number;
  /** f32 rows, or 4-row groups of quants, scales and mins (common.h). */
  readonly q: number;
}

interface Exports {
  __heap_base: WebAssembly.Global;
  __stack_pointer: WebAssembly.Global;
  gguf_row_bytes(type: number, cols: number): number;
  repack_rows(type: number, src: number, row0: number, rows: number, cols: number, q: number): void;
  quantize_act(x: number, tokens: number, cols: number, xq: number, xd: number, xs: number, u4: number): void;
  run_job(job: number, tid: number): void;
  get_row(kind: number, q: number, cols: number, row: number, out: number): void;
  rms_norm(x: number, w: number, out: number, tokens: number, n: number, eps: number): void;
  add_bias(x: number, bias: number, tokens: number, n: number): void;
  add(a: number, b: number, out: number, n: number): void;
  silu_mul(g: number, u: number, out: number, n: number): void;
  f32_to_f16(x: number, out: number, n: number): void;
  rope_apply(x: number, tokens: number, heads: number, hd: number, dims: number, c: number, s: number, neox: number): void;
}

/** Every export the engine calls: a build that lacks one is refused at once (build.test.ts checks both builds). */
export const KERNEL_EXPORTS = ['__heap_base', '__stack_pointer', 'gguf_row_bytes', 'repack_rows', 'quantize_act', 'run_job', 'get_row', 'rms_norm', 'add_bias', 'add', 'silu_mul', 'f32_to_f16', 'rope_apply'] as const;
// The list names every member of Exports, and nothing else (a compile error otherwise).
type Missing = Exclude<keyof Exports, (typeof KERNEL_EXPORTS)[number]>;
const everyExportListed: [Missing] extends [never] ? true : Missing = true;
void everyExportListed;

/** A kernels build that lacks an export the engine calls (a stale or foreign wasm file). */
function checkExports(module: WebAssembly.Module): void {
  const have = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const missing = KERNEL_EXPORTS.filter((n) => !have.has(n));
  if (missing.length) throw new KernelBuildError(`the kernels build lacks ${missing.join(', ')}`);
}

/** ops.c's KV_BLOCK: cache positions attention_group reads (and, from fp16, converts) at a time. */
const KV_BLOCK = 64;
/** Bytes of one thread's attention_group scratch: two f32 blocks, a score row per query head of the group, their 1/Σ. */
const attentionGroupStride = (positions: number, group: number, headDim: number) =>
  ((2 * KV_BLOCK * headDim + group * ((positions + 3) & ~3) + group) * 4 + 15) & ~15;
const PAGE = 65536;
const STACK = 65536;
const STAGING = 4 << 20;
/** Values per chunk of a threaded silu_mul (a multiple of 4: each chunk starts on a vector). */
const SILU_CHUNK = 8192;

export async function createWasmKernels(opts: {
  module: WebAssembly.Module;
  threads: number;
  spawnThread: () => KernelThreadPort;
}): Promise<Kernels> {
  const threads = Math.max(1, Math.floor(opts.threads));
  checkExports(opts.module);
  const memory = new WebAssembly.Memory({ initial: 64, maximum: 65536, shared: true });
  const x = new WebAssembly.Instance(opts.module, { env: { memory } }).exports as unknown as Exports;
  let top = ((x.__heap_base.value as number) + 15) & ~15;

  function alloc(bytes: number, align = 16): Ptr {
    top = Math.ceil(top / align) * align;
    const ptr = top;
    top = Math.ceil((top + bytes) / 16) * 16; // not `& ~15`: offsets pass 2^31 and bit operators are 32-bit signed
    const need = Math.ceil(top / PAGE) - memory.buffer.byteLength / PAGE;
    if (need > 0) {
      try {
        memory.grow(need);
      } catch {
        throw new KernelMemoryError(`cannot grow kernel memory to ${top} bytes`);
      }
    }
    return ptr;
  }
  const u8 = (ptr: Ptr, n: number) => new Uint8Array(memory.buffer, ptr, n);
  const f32 = (ptr: Ptr, n: number) => new Float32Array(memory.buffer, ptr, n);
  const i32 = (ptr: Ptr, n: number) => new Int32Array(memory.buffer, ptr, n);

  const ctrl = alloc(CTRL.count * 4);
  const job = alloc(JOB_BYTES);
  const stackTops = Array.from({ length: threads - 1 }, () => alloc(STACK) + STACK);
  const pool = await createThreadPool({ module: opts.module, memory, ctrl, job, stackTops, runJob: x.run_job, spawnThread: opts.spawnThread });

  // Scratch that only grows (nothing is freed one by one): activation quants, rope tables, attention scores. Aligned
  // to 256 bytes: gemm-u4.h reads a batch's activations from 256-byte (and its scales from 32-byte) aligned bases.
  const scratch = new Map<string, { ptr: Ptr; bytes: number }>();
  function scratchOf(name: string, bytes: number): Ptr {
    const s = scratch.get(name);
    if (s && s.bytes >= bytes) return s.ptr;
    const grown = Math.max(bytes, (s?.bytes ?? 0) * 2);
    scratch.set(name, { ptr: alloc(grown, 256), bytes: grown });
    return scratch.get(name)!.ptr;
  }

  function postJob<K extends OpName>(op: K, nchunks: number, chunk: number, args: JobArgs<K>): void {
    writeJob(i32(job, JOB_BYTES / 4), op, nchunks, chunk, args);
    pool.run();
  }

  /** Quantize `input` for matrices of `w`'s kind and width (nothing for f32 ones): where the matmul job reads it. */
  function quantized(w: WasmMatrix, input: Ptr, tokens: number): { x: Ptr; xd: Ptr; xs: Ptr } {
    if (w.kind === Kind.F32) return { x: input, xd: 0, xs: 0 };
    const nb = w.cols / 32;
    const padded = Math.ceil(tokens / 8) * 8; // the relaxed build lays a batch out in groups of 4 tokens (8 for nibble weights)
    const xq = scratchOf('xq', padded * w.cols * 2);
    const xd = scratchOf('xd', padded * nb * 4);
    const xs = scratchOf('xs', padded * nb * 4);
    // The relaxed build lays activations out for the weights' kind (signed for nibbles); SIMD128 ignores it.
    const u4 = w.kind === Kind.U4_OFF8 ? 2 : w.kind === Kind.U4 ? 1 : 0;
    // A batch's tokens quantize apart, 8 per chunk: on one thread this was ~50 µs per 64 × 896 batch, 7 times a
    // layer, while the helpers waited.
    if (threads > 1 && tokens >= 16) postJob('quantize', Math.ceil(padded / 8), 8, { x: input, tokens, cols: w.cols, xq, xd, xs, u4 });
    else x.quantize_act(input, tokens, w.cols, xq, xd, xs, u4);
    return { x: xq, xd, xs };
  }

  /**
   * Matrices of one kind and width share one quantization of the input and, up to 3 at a time, one job (a layer's
   * q, k and v; gate and up): in decoding, k and v (128 rows each on Qwen2.5-0.5B) took ~15 µs a call, mostly the
   * call and the threads' hand-off.
   */
  function matmuls(ms: readonly Matrix[], input: Ptr, tokens: number, outs: readonly Ptr[]): void {
    for (let i = 0; i < ms.length; ) {
      const w = ms[i] as WasmMatrix;
      let n = 1;
      while (n < 3 && i + n < ms.length && (ms[i + n] as WasmMatrix).kind === w.kind && ms[i + n]!.cols === w.cols) n++;
      const q = quantized(w, input, tokens);
      const parts = ms.slice(i, i + n) as WasmMatrix[];
      const rows = Math.max(...parts.map((p) => p.rows));
      // Enough chunks that a slow thread leaves the rest to the others (sized by the largest part, as on its own);
      // multiples of 4 rows (the weights' row groups).
      const chunk = threads === 1 ? rows : Math.min(256, 4 * Math.ceil(rows / (threads * 24) / 4));
      if (n === 1) postJob('matmul', Math.ceil(w.rows / chunk), chunk, { kind: w.kind, q: w.q, rows: w.rows, cols: w.cols, ...q, tokens, out: outs[i]! });
      else {
        const part = (k: number) => (k < n ? { q: parts[k]!.q, rows: parts[k]!.rows, out: outs[i + k]! } : { q: 0, rows: 0, out: 0 });
        const [p0, p1, p2] = [part(0), part(1), part(2)];
        const nchunks = parts.reduce((a, p) => a + Math.ceil(p.rows / chunk), 0);
        postJob('matmul_many', nchunks, chunk, {
          kind: w.kind, cols: w.cols, ...q, tokens, parts: n,
          q0: p0.q, rows0: p0.rows, out0: p0.out, q1: p1.q, rows1: p1.rows, out1: p1.out, q2: p2.q, rows2: p2.rows, out2: p2.out,
        });
      }
      i += n;
    }
  }

  const rope = createRopeTables();

  return {
    threads,
    alloc,
    f32,
    i32,
    supports: (type) => layoutOf(type) !== undefined,
    loadMatrix(type, data, rows, cols) {
      const layout = layoutOf(type);
      if (!layout || cols % layout.block !== 0) throw new UnsupportedTensorError(`ggml type ${type} with ${cols} columns`);
      const srcRow = x.gguf_row_bytes(type, cols);
      if (data.byteLength < srcRow * rows) throw new UnsupportedTensorError(`tensor data is ${data.byteLength} bytes, expected ${srcRow * rows}`);
      const bytes = matrixBytes(layout.kind, rows, cols);
      const q = alloc(bytes); // fresh memory is zeros: the last 4-row group's missing rows
      const per = Math.max(1, Math.floor(STAGING / srcRow));
      const stage = scratchOf('staging', Math.min(per, rows) * srcRow);
      for (let r = 0; r < rows; r += per) {
        const n = Math.min(per, rows - r);
        u8(stage, n * srcRow).set(data.subarray(r * srcRow, (r + n) * srcRow));
        // Rows repack independently: the threads share each staged chunk.
        const chunk = Math.max(1, Math.ceil(n / (threads * 8)));
        postJob('repack', Math.ceil(n / chunk), chunk, { type, src: stage, row0: r, rows: n, cols, q });
      }
      const matrix: WasmMatrix = { rows, cols, sourceType: type, bytes, kind: layout.kind, q };
      return matrix;
    },
    loadVector(type, data, length) {
      if (type !== 0 && type !== 1) throw new UnsupportedTensorError(`vector of ggml type ${type}`);
      const bytes = length * (type === 0 ? 4 : 2);
      const stage = scratchOf('staging', bytes);
      u8(stage, bytes).set(data.subarray(0, bytes));
      const out = alloc(length * 4);
      x.repack_rows(type, stage, 0, 1, length, out);
      return out;
    },
    getRow(m, row, out) {
      const w = m as WasmMatrix;
      x.get_row(w.kind, w.q, w.cols, row, out);
    },
    matmul: (m, input, tokens, out) => matmuls([m], input, tokens, [out]),
    matmuls,
    rmsNorm: (xp, wp, out, tokens, n, eps) => x.rms_norm(xp, wp, out, tokens, n, eps),
    addBias: (xp, bias, tokens, n) => x.add_bias(xp, bias, tokens, n),
    rope(xp, tokens, heads, headDim, positions, p: RopeParams) {
      const c = scratchOf('ropeC', tokens * p.dims * 4);
      const s = scratchOf('ropeS', tokens * p.dims * 4);
      rope.fill(f32(c, tokens * p.dims), f32(s, tokens * p.dims), i32(positions, tokens), p);
      x.rope_apply(xp, tokens, heads, headDim, p.dims, c, s, p.mode === 'neox' ? 1 : 0);
    },
    attention(q, k, v, out, tokens, startPos, nHead, nKvHead, headDim, f16 = false) {
      if (headDim % 4 !== 0 || nHead % nKvHead !== 0) throw new UnsupportedTensorError(`attention with head size ${headDim}, ${nHead}/${nKvHead} heads`);
      const job = { q, k, v, out, tokens, start: startPos, nHead, nKv: nKvHead, headDim };
      // A KV head's group of query heads together (each cache block read once for all of them, an fp16 one converted
      // once) when that still gives every thread work; else a head per chunk (decode on many threads).
      if (tokens * nKvHead >= threads) {
        const stride = attentionGroupStride(startPos + tokens, nHead / nKvHead, headDim);
        postJob(f16 ? 'attention_group_f16' : 'attention_group', tokens * nKvHead, 1, { ...job, scratch: scratchOf('scores', stride * threads), stride });
        return;
      }
      const stride = ((startPos + tokens) * 4 + 15) & ~15;
      postJob(f16 ? 'attention_f16' : 'attention', nHead, 1, { ...job, scratch: scratchOf('scores', stride * threads), stride });
    },
    storeF16: (xp, out, n) => x.f32_to_f16(xp, out, n),
    siluMul(g, u, out, n) {
      // A prompt batch's FFN (64 tokens × 4,864 values: ~0.4 ms on one thread) is split; a decoding token's is not.
      if (threads > 1 && n >= SILU_CHUNK * 4) postJob('silu_mul', Math.ceil(n / SILU_CHUNK), SILU_CHUNK, { g, u, out, n });
      else x.silu_mul(g, u, out, n);
    },
    add: (a, b, out, n) => x.add(a, b, out, n),
    dispose() {
      pool.dispose();
      scratch.clear();
    },
  };
}
