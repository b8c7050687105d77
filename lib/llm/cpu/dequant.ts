import { GGML_BLOCKS, GgmlType } from '../../gguf/types';

/**
 * GGUF tensor types as plain numbers: how many bytes a row takes, and exact dequantization to f32 (the formulas of
 * ggml's reference C code, as documented in gguf.md / ggml-quants). Shared by the reference kernels and the loader.
 */

/** The types `dequantize` reads (block sizes: lib/gguf/types.ts). */
export const dequantizableTypes: readonly number[] = [GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_1];

/** Bytes one row of `cols` values of `type` takes, or undefined for a type we cannot read. */
export function rowBytes(type: number, cols: number): number | undefined {
  const b = GGML_BLOCKS[type];
  if (!b || !dequantizableTypes.includes(type) || cols % b.values !== 0) return undefined;
  return (cols / b.values) * b.bytes;
}

const f16Table = (() => {
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const s = h & 0x8000 ? -1 : 1;
    const e = (h >> 10) & 0x1f;
    const m = h & 0x3ff;
    t[h] = e === 0 ? s * m * 2 ** -24 : e === 31 ? (m ? NaN : s * Infinity) : s * (1 + m / 1024) * 2 ** (e - 15);
  }
  return t;
})();

const bits = new Uint32Array(1);
const bitsAsF32 = new Float32Array(bits.buffer);

export const f16ToF32 = (h: number) => f16Table[h];

const bits32 = new Uint32Array(1);
const float32 = new Float32Array(bits32.buffer);
/** f32 → fp16 bits, rounded to nearest, ties to even (the KV cache's rows; the wasm kernels round the same way). */
export function f32ToF16(f: number): number {
  float32[0] = f;
  const b = bits32[0]!;
  const sign = (b >>> 16) & 0x8000;
  let a = b & 0x7fffffff;
  if (a >= 0x47800000) return sign | (a > 0x7f800000 ? 0x7e00 : 0x7c00);
  if (a < 0x38800000) {
    // An fp16 subnormal or zero: adding 0.5 leaves the rounded value in the low mantissa bits.
    bits32[0] = a;
    float32[0] = float32[0]! + 0.5;
    return sign | (bits32[0]! - 0x3f000000);
  }
  a = (a + ((15 - 127) << 23) + 0xfff + ((a >>> 13) & 1)) >>> 0;
  return sign | (a >>> 13);
}

/** Dequantize `count` values of `type` from `src` (starting at its byte 0) into `out` from `outAt`. */
export function dequantize(type: number, src: Uint8Array, count: number, out: Float32Array, outAt = 0): void {
  const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  switch (type) {
    case GgmlType.F32:
      for (let i = 0; i < count; i++) out[outAt + i] = view.getFloat32(i * 4, true);
      return;
    case GgmlType.F16:
      for (let i = 0; i < count; i++) out[outAt + i] = f16Table[view.getUint16(i * 2, true)]!;
      return;
    case GgmlType.BF16:
      for (let i = 0; i < count; i++) {
        bits[0] = view.getUint16(i * 2, true) << 16;
        out[outAt + i] = bitsAsF32[0]!;
      }
      return;
    case GgmlType.Q8_0:
      for (let b = 0; b < count / 32; b++) {
        const at = b * 34;
        const d = f16Table[view.getUint16(at, true)]!;
        for (let j = 0; j < 32; j++) out[outAt + b * 32 + j] = d * view.getInt8(at + 2 + j);
      }
      return;
    case GgmlType.Q4_0:
      for (let b = 0; b < count / 32; b++) {
        const at = b * 18;
        const d = f16Table[view.getUint16(at, true)]!;
        for (let j = 0; j < 16; j++) {
          const q = src[at + 2 + j]!;
          out[outAt + b * 32 + j] = ((q & 0x0f) - 8) * d;
          out[outAt + b * 32 + j + 16] = ((q >> 4) - 8) * d;
        }
      }
      return;
    case GgmlType.Q4_1:
      for (let b = 0; b < count / 32; b++) {
        const at = b * 20;
        const d = f16Table[view.getUint16(at, true)]!;
        const m = f16Table[view.getUint16(at + 2, true)]!;
        for (let j = 0; j < 16; j++) {
          const q = src[at + 4 + j]!;
          out[outAt + b * 32 + j] = (q & 0x0f) * d + m;
          out[outAt + b * 32 + j + 16] = (q >> 4) * d + m;
        }
      }
      return;
    default:
      throw new Error(`ggml type ${type} cannot be dequantized here.`);
  }
}
