// Block layouts of the ggml quantization types a sized model uses (gguf.md / ggml-common.h in the ggml repository),
// and a filler that writes random quants with a chosen spread: the bytes are random, then each block's scale fields
// are set so that every weight has a standard deviation of about `std` and a mean near zero.

/** ggml type number → elements per block, bytes per block, std of the raw quant value at scale 1. */
export const TYPES = {
  0: { name: "F32", elems: 1, bytes: 4 },
  2: { name: "Q4_0", elems: 32, bytes: 18, qstd: 4.61 }, // (q - 8) * d, q in 0..15
  6: { name: "Q5_0", elems: 32, bytes: 22, qstd: 9.23 }, // (q - 16) * d, q in 0..31
  8: { name: "Q8_0", elems: 32, bytes: 34, qstd: 73.9 }, // q * d, q an int8
  12: { name: "Q4_K", elems: 256, bytes: 144, qstd: 4.61 }, // d * sc * q - dmin * m, 8 sub-blocks of 32
  14: { name: "Q6_K", elems: 256, bytes: 210, qstd: 18.47 }, // d * scale * (q - 32), 16 sub-blocks of 16
};
export const GGML = { F32: 0, Q4_0: 2, Q5_0: 6, Q8_0: 8, Q4_K: 12, Q6_K: 14 };

export const tensorBytes = (type, elems) => {
  const t = TYPES[type];
  if (elems % t.elems) throw new Error(`${t.name} needs a multiple of ${t.elems} elements, got ${elems}`);
  return (elems / t.elems) * t.bytes;
};

/** IEEE half from a positive float (truncated; fine for scales, which only need to be about right). */
export function f16(v) {
  const u = new Uint32Array(new Float32Array([v]).buffer)[0];
  const e = ((u >>> 23) & 0xff) - 127 + 15;
  if (e <= 0) return 0;
  if (e >= 31) return 0x7c00;
  return (e << 10) | ((u >>> 13) & 0x3ff);
}

/** A seeded xorshift32 stream (deterministic files for the same parameters). */
export function createRandom(seed) {
  let s = seed >>> 0 || 7;
  return {
    fill(u32) {
      for (let i = 0; i < u32.length; i++) {
        s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
        u32[i] = s;
      }
    },
    /** Uniform in [-1, 1). */
    next() { const x = new Uint32Array(1); this.fill(x); return x[0] / 2 ** 31 - 1; },
  };
}

/**
 * Fill `buf` (a whole number of blocks of `type`) with random quants whose weights have about `std` spread.
 * F32 tensors are not filled here (norms and biases are written by the caller).
 */
export function fillQuantBlocks(type, buf, rng, std) {
  const t = TYPES[type];
  rng.fill(new Uint32Array(buf.buffer, buf.byteOffset, buf.length >> 2));
  const d = f16(std / t.qstd);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
  for (let b = 0; b < buf.length; b += t.bytes) {
    if (type === GGML.Q4_K) {
      view.setUint16(b, d, true);
      view.setUint16(b + 2, f16((std / t.qstd) * 7.5), true); // dmin * m = the mean of d * sc * q: centred on zero
      buf.fill(1, b + 4, b + 12); // 6-bit scales and mins, all 1 (bits 6-7 clear)
      buf.fill(0x11, b + 12, b + 16); // the high sub-blocks' scale (low nibble) and min (high nibble), 1 each
    } else if (type === GGML.Q6_K) {
      buf.fill(1, b + 192, b + 208); // int8 sub-block scales
      view.setUint16(b + 208, d, true);
    } else view.setUint16(b, d, true); // Q4_0, Q5_0, Q8_0: the scale leads the block
  }
}
