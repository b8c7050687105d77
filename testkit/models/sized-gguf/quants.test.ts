import { describe, expect, it } from 'vitest';
import { GGML_BLOCKS, GgmlType as GGML } from '../../../lib/gguf/types';
import { createSeededRandom } from '../../../lib/random/seeded';
import { fillQuantBlocks } from './quants';

// Dequantize by the block layouts of gguf.md / ggml-common.h, read independently of the writer, to check that the
// random weights have the spread asked for and are centred on zero (so a forward pass stays finite).
const half = (h: number) => {
  const e = (h >> 10) & 31, m = h & 1023;
  return (e === 0 ? m / 1024 * 2 ** -14 : (1 + m / 1024) * 2 ** (e - 15)) * (h & 0x8000 ? -1 : 1);
};
function dequant(type: number, b: Buffer): number[] {
  const out: number[] = [];
  const v = new DataView(b.buffer, b.byteOffset, b.length);
  for (let o = 0; o < b.length; o += GGML_BLOCKS[type]!.bytes) {
    if (type === GGML.Q8_0) for (let i = 0; i < 32; i++) out.push(half(v.getUint16(o, true)) * v.getInt8(o + 2 + i));
    if (type === GGML.Q4_0) for (let i = 0; i < 32; i++) out.push(half(v.getUint16(o, true)) * (((b[o + 2 + (i % 16)]! >> (i < 16 ? 0 : 4)) & 15) - 8));
    if (type === GGML.Q5_0) {
      const qh = v.getUint32(o + 2, true);
      for (let i = 0; i < 32; i++) out.push(half(v.getUint16(o, true)) * ((((b[o + 6 + (i % 16)]! >> (i < 16 ? 0 : 4)) & 15) | (((qh >> i) & 1) << 4)) - 16));
    }
    if (type === GGML.Q4_K) {
      const d = half(v.getUint16(o, true)), dmin = half(v.getUint16(o + 2, true)), sc = b.subarray(o + 4, o + 16);
      for (let j = 0; j < 8; j++) {
        const s = j < 4 ? sc[j]! & 63 : (sc[j + 4]! & 15) | ((sc[j - 4]! >> 6) << 4);
        const m = j < 4 ? sc[j + 4]! & 63 : (sc[j + 4]! >> 4) | ((sc[j]! >> 6) << 4);
        for (let i = 0; i < 32; i++) out.push(d * s * ((b[o + 16 + (j >> 1) * 32 + i]! >> ((j & 1) * 4)) & 15) - dmin * m);
      }
    }
    if (type === GGML.Q6_K) {
      const d = half(v.getUint16(o + 208, true));
      for (let i = 0; i < 256; i++) {
        const half128 = i >> 7, l = i & 127, ql = b[o + half128 * 64 + (l & 63)]!, qh = b[o + 128 + half128 * 32 + (l & 31)]!;
        const q = ((l < 64 ? ql & 15 : ql >> 4) | (((qh >> (2 * (l >> 5))) & 3) << 4)) - 32;
        out.push(d * v.getInt8(o + 192 + half128 * 8 + (l >> 4)) * q);
      }
    }
  }
  return out;
}

describe('random quant blocks', () => {
  it.each(['Q8_0', 'Q4_0', 'Q5_0', 'Q4_K', 'Q6_K'] as const)('%s weights have the asked spread around zero', (name) => {
    const type = GGML[name];
    const buf = Buffer.alloc(GGML_BLOCKS[type]!.bytes * 64);
    fillQuantBlocks(type, buf, createSeededRandom(3), 0.03);
    const w = dequant(type, buf);
    const mean = w.reduce((a, x) => a + x, 0) / w.length;
    const std = Math.sqrt(w.reduce((a, x) => a + (x - mean) ** 2, 0) / w.length);
    expect(w.every(Number.isFinite)).toBe(true);
    // Q4_0's (q - 8) over q in 0..15 leans -d/2 (≈ -0.0033 here) by its layout: well under the spread, not zero.
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(std).toBeGreaterThan(0.025);
    expect(std).toBeLessThan(0.035);
  });
});
