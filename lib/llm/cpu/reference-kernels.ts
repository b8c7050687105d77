import type { Kernels, Matrix, Ptr, RopeParams } from './kernel-api';
import { dequantizableTypes, dequantize, f16ToF32, f32ToF16, rowBytes } from './dequant';

/**
 * The Kernels contract in plain JavaScript: naive loops, exact dequantization. It is the test oracle for the
 * WebAssembly kernels and the fallback where WebAssembly threads are unavailable. Weights stay in their GGUF bytes
 * (a Q8_0 model would take 4x the memory as f32) and are dequantized one row at a time.
 */

interface RefMatrix extends Matrix {
  readonly data: Uint8Array;
  readonly rowBytes: number;
}

interface Block {
  start: number;
  bytes: ArrayBuffer;
}

/** `Kernels.matmuls` as one `matmul` call per matrix (for kernels with nothing to share between them). */
export const matmulsOneByOne = (matmul: Kernels['matmul']): Kernels['matmuls'] => (ms, x, tokens, outs) =>
  ms.forEach((m, i) => matmul(m, x, tokens, outs[i]!));

export function createReferenceKernels(): Kernels {
  // Each allocation is its own ArrayBuffer; a Ptr is its place in one virtual address space (never 0).
  const blocks: Block[] = [];
  let top = 16;
  let rowScratch = new Float32Array(0);

  function find(ptr: Ptr): Block {
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (blocks[mid]!.start <= ptr) lo = mid;
      else hi = mid - 1;
    }
    const b = blocks[lo];
    if (!b || ptr < b.start || ptr >= b.start + b.bytes.byteLength) throw new RangeError(`Bad pointer ${ptr}.`);
    return b;
  }
  const f32 = (ptr: Ptr, length: number) => {
    const b = find(ptr);
    return new Float32Array(b.bytes, ptr - b.start, length);
  };
  const u16 = (ptr: Ptr, length: number) => {
    const b = find(ptr);
    return new Uint16Array(b.bytes, ptr - b.start, length);
  };
  const i32 = (ptr: Ptr, length: number) => {
    const b = find(ptr);
    return new Int32Array(b.bytes, ptr - b.start, length);
  };
  const alloc = (bytes: number): Ptr => {
    const size = Math.max(16, Math.ceil(bytes / 16) * 16);
    blocks.push({ start: top, bytes: new ArrayBuffer(size) });
    top += size;
    return top - size;
  };
  const rowOf = (m: RefMatrix, r: number) => {
    if (rowScratch.length < m.cols) rowScratch = new Float32Array(m.cols);
    dequantize(m.sourceType, m.data.subarray(r * m.rowBytes, (r + 1) * m.rowBytes), m.cols, rowScratch);
    return rowScratch;
  };

  function matmul(m: Matrix, x: Ptr, tokens: number, out: Ptr): void {
    const { rows, cols } = m;
    const xs = f32(x, tokens * cols);
    const o = f32(out, tokens * rows);
    for (let r = 0; r < rows; r++) {
      const w = rowOf(m as RefMatrix, r);
      for (let t = 0; t < tokens; t++) {
        let s = 0;
        const base = t * cols;
        for (let c = 0; c < cols; c++) s += w[c]! * xs[base + c]!;
        o[t * rows + r] = s;
      }
    }
  }

  return {
    threads: 1,
    alloc,
    f32,
    i32,
    supports: (type) => dequantizableTypes.includes(type),
    loadMatrix(type, data, rows, cols): Matrix {
      const rb = rowBytes(type, cols);
      if (rb === undefined || data.length < rb * rows) throw new Error(`Cannot load a ${rows}x${cols} matrix of ggml type ${type}.`);
      const copy = data.slice(0, rb * rows);
      const m: RefMatrix = { rows, cols, sourceType: type, bytes: copy.length, data: copy, rowBytes: rb };
      return m;
    },
    loadVector(type, data, length) {
      const ptr = alloc(length * 4);
      dequantize(type, data, length, f32(ptr, length));
      return ptr;
    },
    getRow(m, row, out) {
      f32(out, m.cols).set(rowOf(m as RefMatrix, row).subarray(0, m.cols));
    },
    matmul,
    matmuls: matmulsOneByOne(matmul),
    rmsNorm(x, w, out, tokens, n, eps) {
      const xs = f32(x, tokens * n);
      const ws = f32(w, n);
      const o = f32(out, tokens * n);
      for (let t = 0; t < tokens; t++) {
        let ss = 0;
        for (let i = 0; i < n; i++) ss += xs[t * n + i]! * xs[t * n + i]!;
        const scale = 1 / Math.sqrt(ss / n + eps);
        for (let i = 0; i < n; i++) o[t * n + i] = xs[t * n + i]! * scale * ws[i]!;
      }
    },
    addBias(x, bias, tokens, n) {
      const xs = f32(x, tokens * n);
      const b = f32(bias, n);
      for (let t = 0; t < tokens; t++) for (let i = 0; i < n; i++) xs[t * n + i] = xs[t * n + i]! + b[i]!;
    },
    rope(x, tokens, heads, headDim, positions, p: RopeParams) {
      const xs = f32(x, tokens * heads * headDim);
      const pos = i32(positions, tokens);
      const half = p.dims / 2;
      for (let t = 0; t < tokens; t++) {
        for (let i = 0; i < half; i++) {
          const angle = (pos[t]! * p.theta ** ((-2 * i) / p.dims)) / (p.freqFactors?.[i]! ?? 1);
          const cos = Math.cos(angle);
          const sin = Math.sin(angle);
          for (let h = 0; h < heads; h++) {
            const base = (t * heads + h) * headDim;
            const a = base + (p.mode === 'neox' ? i : 2 * i);
            const b = base + (p.mode === 'neox' ? i + half : 2 * i + 1);
            const x0 = xs[a]!;
            const x1 = xs[b]!;
            xs[a] = x0 * cos - x1 * sin;
            xs[b] = x0 * sin + x1 * cos;
          }
        }
      }
    },
    attention(q, kCache, vCache, out, tokens, startPos, nHead, nKvHead, headDim, f16 = false) {
      const kvDim = nKvHead * headDim;
      const qs = f32(q, tokens * nHead * headDim);
      const n = (startPos + tokens) * kvDim;
      const cached = (ptr: Ptr) => {
        if (!f16) return f32(ptr, n);
        const bits = u16(ptr, n);
        const out = new Float32Array(n);
        for (let i = 0; i < n; i++) out[i] = f16ToF32(bits[i]!)!;
        return out;
      };
      const ks = cached(kCache);
      const vs = cached(vCache);
      const o = f32(out, tokens * nHead * headDim);
      const scale = 1 / Math.sqrt(headDim);
      const group = nHead / nKvHead;
      const scores = new Float32Array(startPos + tokens);
      for (let t = 0; t < tokens; t++) {
        const n = startPos + t + 1;
        for (let h = 0; h < nHead; h++) {
          const qb = (t * nHead + h) * headDim;
          const kvOff = Math.floor(h / group) * headDim;
          let max = -Infinity;
          for (let p = 0; p < n; p++) {
            let s = 0;
            for (let d = 0; d < headDim; d++) s += qs[qb + d]! * ks[p * kvDim + kvOff + d]!;
            scores[p] = s * scale;
            if (scores[p]! > max) max = scores[p]!;
          }
          let sum = 0;
          for (let p = 0; p < n; p++) sum += scores[p] = Math.exp(scores[p]! - max);
          for (let d = 0; d < headDim; d++) {
            let acc = 0;
            for (let p = 0; p < n; p++) acc += scores[p]! * vs[p * kvDim + kvOff + d]!;
            o[qb + d] = acc / sum;
          }
        }
      }
    },
    storeF16(x, out, n) {
      const src = f32(x, n);
      const dst = u16(out, n);
      for (let i = 0; i < n; i++) dst[i] = f32ToF16(src[i]!);
    },
    siluMul(gate, up, out, n) {
      const g = f32(gate, n);
      const u = f32(up, n);
      const o = f32(out, n);
      for (let i = 0; i < n; i++) o[i] = (g[i]! / (1 + Math.exp(-g[i]!))) * u[i]!;
    },
    add(a, b, out, n) {
      const as = f32(a, n);
      const bs = f32(b, n);
      const o = f32(out, n);
      for (let i = 0; i < n; i++) o[i] = as[i]! + bs[i]!;
    },
    dispose() {
      blocks.length = 0;
    },
  };
}
