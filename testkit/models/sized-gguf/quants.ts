// Random quants with a chosen spread for the ggml types a sized model uses (block layouts: gguf.md / ggml-common.h in
// the ggml repository; sizes: lib/gguf/types.ts): the bytes are random, then each block's scale fields are set so
// that every weight has a standard deviation of about `std` and a mean near zero.
import { GGML_BLOCKS, GgmlType } from '../../../lib/gguf/types';
import type { SeededRandom } from '../../../lib/random/seeded';

/** Std of the raw quant value at scale 1, for each type the filler writes. */
export const QUANT_STD: Readonly<Record<number, number>> = {
  [GgmlType.Q4_0]: 4.61, // (q - 8) * d, q in 0..15
  [GgmlType.Q5_0]: 9.23, // (q - 16) * d, q in 0..31
  [GgmlType.Q8_0]: 73.9, // q * d, q an int8
  [GgmlType.Q4_K]: 4.61, // d * sc * q - dmin * m, 8 sub-blocks of 32
  [GgmlType.Q6_K]: 18.47, // d * scale * (q - 32), 16 sub-blocks of 16
};

/** IEEE half from a positive float (truncated; fine for scales, which only need to be about right). */
export function f16(v: number): number {
  const u = new Uint32Array(new Float32Array([v]).buffer)[0]!;
  const e = ((u >>> 23) & 0xff) - 127 + 15;
  if (e <= 0) return 0;
  if (e >= 31) return 0x7c00;
  return (e << 10) | ((u >>> 13) & 0x3ff);
}

/**
 * Fill `buf` (a whole number of blocks of `type`) with random quants whose weights have about `std` spread.
 * F32 tensors are not filled here (norms and biases are written by the caller).
 */
export function fillQuantBlocks(type: number, buf: Uint8Array, rng: SeededRandom, std: number): void {
  const qstd = QUANT_STD[type], block = GGML_BLOCKS[type];
  if (!qstd || !block) throw new Error(`No random quants for ggml type ${type}`);
  rng.fill(new Uint32Array(buf.buffer, buf.byteOffset, buf.length >> 2));
  const d = f16(std / qstd);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
  for (let b = 0; b < buf.length; b += block.bytes) {
    if (type === GgmlType.Q4_K) {
      view.setUint16(b, d, true);
      view.setUint16(b + 2, f16((std / qstd) * 7.5), true); // dmin * m = the mean of d * sc * q: centred on zero
      buf.fill(1, b + 4, b + 12); // 6-bit scales and mins, all 1 (bits 6-7 clear)
      buf.fill(0x11, b + 12, b + 16); // the high sub-blocks' scale (low nibble) and min (high nibble), 1 each
    } else if (type === GgmlType.Q6_K) {
      buf.fill(1, b + 192, b + 208); // int8 sub-block scales
      view.setUint16(b + 208, d, true);
    } else view.setUint16(b, d, true); // Q4_0, Q5_0, Q8_0: the scale leads the block
  }
}
