import { describe, expect, it } from 'vitest';
import { dequantize, rowBytes } from './dequant';
import { tensorBytes } from '../../gguf/types';
import { GgmlType } from './kernel-api';

// Blocks built by hand from the formulas in ggml's gguf.md: Q8_0 = f16 d + 32 int8, Q4_0 = f16 d + 16 bytes of
// nibbles (low nibbles are values 0-15, high nibbles 16-31, each (q - 8)·d).
const f16Two = [0x00, 0x40]; // 2.0 as little-endian f16

describe('dequantize', () => {
  it('reads Q8_0', () => {
    const block = Uint8Array.from([...f16Two, ...Array.from({ length: 32 }, (_, i) => (i - 16) & 0xff)]);
    const out = new Float32Array(32);
    dequantize(GgmlType.Q8_0, block, 32, out);
    expect(Array.from(out)).toEqual(Array.from({ length: 32 }, (_, i) => 2 * (i - 16)));
  });

  it('reads Q4_0', () => {
    const block = Uint8Array.from([...f16Two, ...Array.from({ length: 16 }, (_, i) => i | ((15 - i) << 4))]);
    const out = new Float32Array(32);
    dequantize(GgmlType.Q4_0, block, 32, out);
    expect(Array.from(out.subarray(0, 16))).toEqual(Array.from({ length: 16 }, (_, i) => 2 * (i - 8)));
    expect(Array.from(out.subarray(16))).toEqual(Array.from({ length: 16 }, (_, i) => 2 * (7 - i)));
  });

  it('reads F16 (normal, subnormal, negative) and BF16', () => {
    const out = new Float32Array(3);
    dequantize(GgmlType.F16, Uint8Array.from([0x00, 0x3c, 0x01, 0x00, 0x00, 0xc0]), 3, out);
    expect(Array.from(out)).toEqual([1, 2 ** -24, -2]);
    dequantize(GgmlType.BF16, Uint8Array.from([0x80, 0x3f, 0x40, 0xc0]), 2, out);
    expect(Array.from(out.subarray(0, 2))).toEqual([1, -3]);
  });

  it('sizes rows and tensors, and knows what it cannot read', () => {
    expect(rowBytes(GgmlType.Q8_0, 64)).toBe(68);
    expect(rowBytes(GgmlType.Q4_0, 30)).toBeUndefined();
    expect(rowBytes(GgmlType.Q6_K, 256)).toBeUndefined();
    expect(tensorBytes(GgmlType.Q6_K, 512)).toBe(420);
  });
});
