/**
 * Test and benchmark oracle: random GGUF blocks and their dequantization written straight from ggml's block formulas
 * (independently of repack.c), so kernel results can be checked against plain JS arithmetic.
 */
import { GgmlType as T } from '../kernel-api';

const exact = new Set<number>([T.F32, T.F16, T.BF16]);

export function createRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function f16ToF32(h: number): number {
  const e = (h >> 10) & 31, m = h & 1023, sign = h & 0x8000 ? -1 : 1;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 31) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

/** [bytes per block, values per block] in GGUF. */
export const blockShape: Record<number, [number, number]> = {
  [T.F32]: [4, 1], [T.F16]: [2, 1], [T.BF16]: [2, 1], [T.Q8_0]: [34, 32], [T.Q4_0]: [18, 32], [T.Q4_1]: [20, 32],
  [T.Q5_0]: [22, 32], [T.Q5_1]: [24, 32], [T.Q4_K]: [144, 256], [T.Q5_K]: [176, 256], [T.Q6_K]: [210, 256],
};

/** Offsets of f16 fields inside a block (kept finite and modest when randomizing). */
const f16Fields: Record<number, number[]> = {
  [T.Q8_0]: [0], [T.Q4_0]: [0], [T.Q4_1]: [0, 2], [T.Q5_0]: [0], [T.Q5_1]: [0, 2], [T.Q4_K]: [0, 2], [T.Q5_K]: [0, 2],
  [T.Q6_K]: [208], [T.F16]: [0],
};

/** Random GGUF bytes for rows × cols of `type` (scales between ~2^-9 and 2^-3, both signs). */
export function randomTensor(type: number, rows: number, cols: number, rnd: () => number, fill?: (b: Uint8Array) => void): Uint8Array {
  const [bb, bv] = blockShape[type]!;
  const n = (rows * cols) / bv;
  if (type === T.F32) return new Uint8Array(Float32Array.from({ length: rows * cols }, () => rnd() * 2 - 1).buffer);
  const out = new Uint8Array(n * bb);
  if (fill) fill(out);
  else for (let i = 0; i < out.length; i++) out[i] = Math.floor(rnd() * 256);
  const fields = f16Fields[type] ?? [];
  const dv = new DataView(out.buffer);
  for (let b = 0; b < n; b++)
    for (const f of fields) {
      const bits = (rnd() < 0.5 ? 0x8000 : 0) | ((6 + Math.floor(rnd() * 6)) << 10) | Math.floor(rnd() * 1024);
      dv.setUint16(b * bb + f, bits, true);
    }
  if (type === T.BF16) for (let i = 0; i < n; i++) dv.setUint16(i * 2, (rnd() < 0.5 ? 0x8000 : 0) | ((120 + Math.floor(rnd() * 8)) << 7) | Math.floor(rnd() * 128), true);
  return out;
}

function kScale(j: number, s: Uint8Array, o: number): [number, number] {
  if (j < 4) return [s[o + j]! & 63, s[o + j + 4]! & 63];
  return [(s[o + j + 4]! & 15) | ((s[o + j - 4]! >> 6) << 4), (s[o + j + 4]! >> 4) | ((s[o + j]! >> 6) << 4)];
}

/** Dequantize to f32 values (rows × cols), per ggml's formulas. */
export function dequantize(type: number, data: Uint8Array, count: number): Float32Array {
  const y = new Float32Array(count);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const h = (o: number) => f16ToF32(dv.getUint16(o, true));
  const [bb, bv] = blockShape[type]!;
  for (let b = 0; b < count / bv; b++) {
    const o = b * bb, base = b * bv;
    if (type === T.F32) y[b] = dv.getFloat32(o, true);
    else if (type === T.F16) y[b] = h(o);
    else if (type === T.BF16) y[b] = new Float32Array(new Uint32Array([dv.getUint16(o, true) << 16]).buffer)[0]!;
    else if (type === T.Q8_0) for (let j = 0, d = h(o); j < 32; j++) y[base + j] = d * dv.getInt8(o + 2 + j);
    else if (type === T.Q4_0 || type === T.Q4_1) {
      const one = type === T.Q4_1, d = h(o), m = one ? h(o + 2) : -8 * d, q = o + (one ? 4 : 2);
      for (let j = 0; j < 16; j++) {
        y[base + j] = d * (data[q + j]! & 15) + m;
        y[base + j + 16] = d * (data[q + j]! >> 4) + m;
      }
    } else if (type === T.Q5_0 || type === T.Q5_1) {
      const one = type === T.Q5_1, d = h(o), qh = dv.getUint32(o + (one ? 4 : 2), true), q = o + (one ? 8 : 6);
      for (let j = 0; j < 16; j++) {
        const lo = (data[q + j]! & 15) | (((qh >>> j) & 1) << 4), hi = (data[q + j]! >> 4) | (((qh >>> (j + 16)) & 1) << 4);
        y[base + j] = one ? d * lo + h(o + 2) : d * (lo - 16);
        y[base + j + 16] = one ? d * hi + h(o + 2) : d * (hi - 16);
      }
    } else if (type === T.Q4_K || type === T.Q5_K) {
      const five = type === T.Q5_K, d = h(o), dmin = h(o + 2);
      for (let s = 0; s < 8; s++) {
        const [sc, m] = kScale(s, data, o + 4);
        const qs = o + (five ? 48 : 16) + (s >> 1) * 32;
        for (let l = 0; l < 32; l++) {
          let q = (data[qs + l]! >> (s & 1 ? 4 : 0)) & 15;
          if (five) q += ((data[o + 16 + l]! >> s) & 1) * 16;
          y[base + s * 32 + l] = Math.fround(d * sc) * q - Math.fround(dmin * m);
        }
      }
    } else if (type === T.Q6_K) {
      const d = h(o + 208);
      for (let n = 0; n < 2; n++) {
        const ql = o + n * 64, qh = o + 128 + n * 32, sc = o + 192 + n * 8, yb = base + n * 128;
        for (let l = 0; l < 32; l++) {
          const is = l >> 4, hb = data[qh + l]!;
          const q1 = ((data[ql + l]! & 15) | ((hb & 3) << 4)) - 32;
          const q2 = ((data[ql + l + 32]! & 15) | (((hb >> 2) & 3) << 4)) - 32;
          const q3 = ((data[ql + l]! >> 4) | (((hb >> 4) & 3) << 4)) - 32;
          const q4 = ((data[ql + l + 32]! >> 4) | (((hb >> 6) & 3) << 4)) - 32;
          y[yb + l] = d * dv.getInt8(sc + is) * q1;
          y[yb + l + 32] = d * dv.getInt8(sc + is + 2) * q2;
          y[yb + l + 64] = d * dv.getInt8(sc + is + 4) * q3;
          y[yb + l + 96] = d * dv.getInt8(sc + is + 6) * q4;
        }
      }
    }
  }
  return y;
}

/** Activations as the kernels quantize them (int8 per 32, scale amax/127), for the oracle's expected result. */
const f32b = new Float32Array(1), u32b = new Uint32Array(f32b.buffer);
/** The nearest fp16 value (ties to even) of a normal-range f32, as the kernels (and llama.cpp) keep a block's scale. */
export function roundF16(v: number): number {
  if (Math.abs(v) < 2 ** -14) return Math.round(v * 2 ** 24) / 2 ** 24;
  f32b[0] = v;
  u32b[0] = ((u32b[0]! + 0xfff + ((u32b[0]! >>> 13) & 1)) & ~0x1fff) >>> 0;
  return f32b[0]!;
}

export function quantizeActivations(x: Float32Array, cols: number): { xq: Float32Array; step: Float32Array } {
  const xq = new Float32Array(x.length), step = new Float32Array(x.length / 32);
  for (let b = 0; b < x.length / 32; b++) {
    let amax = 0;
    for (let j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(x[b * 32 + j]!));
    const d = roundF16(Math.fround(amax / 127)), id = amax ? Math.fround(127 / amax) : 0;
    step[b] = d;
    for (let j = 0; j < 32; j++) xq[b * 32 + j] = Math.round(Math.fround(x[b * 32 + j]! * id)) * d;
  }
  void cols;
  return { xq, step };
}

/** Expected matmul outputs (out[t·rows + r]) and a per-output tolerance from plain JS arithmetic on the dequantized
 * weights `w` and activations quantized as the kernels do (F32/F16/BF16: exact f32 products). */
export function expectedMatmul(type: number, w: Float32Array, x: Float32Array, rows: number, cols: number, tokens: number) {
  const q = exact.has(type) ? { xq: x, step: new Float32Array(x.length / 32) } : quantizeActivations(x, cols);
  const ref = new Float64Array(rows * tokens), tol = new Float64Array(rows * tokens);
  for (let t = 0; t < tokens; t++)
    for (let r = 0; r < rows; r++) {
      let s = 0, a = 0, maxW = 0, maxStep = 0, requant = 0;
      for (let c = 0; c < cols; c++) {
        const wv = w[r * cols + c]!, xv = q.xq[t * cols + c]!;
        s += wv * xv;
        a += Math.abs(wv * xv);
        maxW = Math.max(maxW, Math.abs(wv));
        maxStep = Math.max(maxStep, q.step[(t * cols + c) >> 5]!);
      }
      if (type === T.Q6_K) // requantized to one int8 scale per 32: each weight off by at most half a step
        for (let b = 0; b < cols / 32; b++) {
          let bm = 0, xs = 0;
          for (let j = 0; j < 32; j++) {
            bm = Math.max(bm, Math.abs(w[r * cols + b * 32 + j]!));
            xs += Math.abs(q.xq[t * cols + b * 32 + j]!);
          }
          requant += (bm / 127 / 2) * xs * 1.001;
        }
      ref[t * rows + r] = s;
      tol[t * rows + r] = exact.has(type) ? cols * 1.2e-7 * a + 1e-30 : 2e-6 * a + 2.5 * maxW * maxStep + requant;
    }
  return { ref, tol };
}
