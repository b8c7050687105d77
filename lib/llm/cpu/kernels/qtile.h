/* Quantized weights (common.h's 4-row groups) × a few tokens: decoding, and a SIMD128 build's prompt batches (the
 * relaxed build's batches: gemm-relaxed.h for int8, gemm-u4.h for nibbles). tile_grp takes one group × T tokens:
 * each row's exact integer dot with a block, the four rows' dots summed across lanes into one vector (lane i: row
 * i), then one f32 multiply-add for the 4 rows by the product of the two scales (and one for the mins).
 * Measured in Chromium, one core, one token, weights from memory as in a model (40 matrices of 4864 × 896 Q4_0,
 * 131 MB; 24 of 3072 × 1024 Q8_0, 75 MB), G multiply-adds/s: Q4_0 20 with each row's quants, scales and mins in
 * arrays of their own (4 rows at a time: twelve streams), 28 with the 4 rows' blocks side by side, 31 with the sum
 * across lanes and Q4_0's 8 in the integer dot; Q8_0 13.5–16 → 19–26. */
#ifndef HEARTH_QTILE_H
#define HEARTH_QTILE_H
#include "common.h"

#ifdef RELAXED
typedef signed char i8x16 __attribute__((vector_size(16)));
typedef int i32x4 __attribute__((vector_size(16)));
/* acc + Σ a·b over 16 lanes into 4: exact (the same on every engine) because every lane of b is in 0…127. */
INLINE v128_t rdot(v128_t a, v128_t b, v128_t acc) {
  return (v128_t)__builtin_wasm_relaxed_dot_i8x16_i7x16_add_s_i32x4((i8x16)a, (i8x16)b, (i32x4)acc);
}
#else
/* SIMD128: 32 int16 activations · 4 i16x8 weight vectors, into 4 lanes. */
INLINE v128_t dot32(const v128_t *w, const i16 *a) {
  return wasm_i32x4_add(wasm_i32x4_add(wasm_i32x4_dot_i16x8(w[0], wasm_v128_load(a)), wasm_i32x4_dot_i16x8(w[1], wasm_v128_load(a + 8))),
                        wasm_i32x4_add(wasm_i32x4_dot_i16x8(w[2], wasm_v128_load(a + 16)), wasm_i32x4_dot_i16x8(w[3], wasm_v128_load(a + 24))));
}
#endif

/* Lane i: the sum of the i-th argument's four lanes. */
INLINE v128_t sum4_i32(v128_t a, v128_t b, v128_t c, v128_t d) {
  v128_t ab = wasm_i32x4_add(wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), wasm_i32x4_shuffle(a, b, 2, 6, 3, 7));
  v128_t cd = wasm_i32x4_add(wasm_i32x4_shuffle(c, d, 0, 4, 1, 5), wasm_i32x4_shuffle(c, d, 2, 6, 3, 7));
  return wasm_i32x4_add(wasm_i64x2_shuffle(ab, cd, 0, 2), wasm_i64x2_shuffle(ab, cd, 1, 3));
}

/* One row's block of quants (w) · a token's block of 32 activations (a), an i32x4 whose lanes sum to the exact dot.
 * Activations, per token 2·cols bytes (quantize_act): SIMD128, int16 (a: the block's 64 bytes), the weights widened.
 * Relaxed, for nibbles: int8 (the nibbles, 0…15, are the 7-bit operand); for int8 weights: |q| then, cols bytes on,
 * a sign mask (0xff where q < 0): |q| is the 7-bit operand and the weight takes the sign, (w ^ s) − s (a weight of
 * −128 would wrap; ggml's quantizers never write it and repack.c clamps it). */
INLINE v128_t row_dot(int u4, const u8 *w, const u8 *a, u32 cols) {
#ifdef RELAXED
  v128_t a0 = wasm_v128_load(a), a1 = wasm_v128_load(a + 16);
  if (u4) {
    v128_t v = wasm_v128_load(w);
    return rdot(a1, wasm_u8x16_shr(v, 4), rdot(a0, wasm_v128_and(v, wasm_i8x16_splat(15)), wasm_i32x4_splat(0)));
  }
  v128_t s0 = wasm_v128_load(a + cols), s1 = wasm_v128_load(a + cols + 16);
  v128_t v0 = wasm_v128_load(w), v1 = wasm_v128_load(w + 16);
  return rdot(wasm_i8x16_sub(wasm_v128_xor(v1, s1), s1), a1, rdot(wasm_i8x16_sub(wasm_v128_xor(v0, s0), s0), a0, wasm_i32x4_splat(0)));
#else
  (void)cols;
  v128_t q[4];
  if (u4) { /* byte j holds values j and j + 16: bytes 0–7 widened give values 0–7 (masked) and 16–23 (shifted) */
    v128_t v = wasm_u16x8_load8x8(w), v2 = wasm_u16x8_load8x8(w + 8), f = wasm_i16x8_splat(15);
    q[0] = wasm_v128_and(v, f); q[1] = wasm_v128_and(v2, f); q[2] = wasm_u16x8_shr(v, 4); q[3] = wasm_u16x8_shr(v2, 4);
  } else
    for (int k = 0; k < 4; k++) q[k] = wasm_i16x8_load8x8(w + 8 * k);
  return dot32(q, (const i16 *)a);
#endif
}

/* One 4-row group g (its nb blocks) × T (≤ 2) tokens of a KIND matrix; the first R rows' outputs are written to
 * out[t·rows + r]. Token t's activations: at xa + t·2·cols bytes, its block scales at xd + t·nb, and at xs + t·nb
 * scale·Σq (for the mins), or for KIND_U4_OFF8 in the relaxed build −8·Σq as int32, added to the integer dot
 * (SIMD128 multiplies scale·Σq by −8·d instead). */
INLINE void tile_grp(int T, int KIND, const u8 *g, u32 nb, const u8 *xa, u32 cols, const float *xd, const float *xs,
                     float *out, u32 rows, u32 R) {
  const u32 gb = GROUP_BLOCK_BYTES(KIND), qb = GROUP_Q(KIND);
  const int u4 = U4_IS(KIND), mins = GROUP_HAS_MIN(KIND), off8 = KIND == KIND_U4_OFF8;
  v128_t acc[2], macc[2];
  for (int t = 0; t < T; t++) acc[t] = macc[t] = wasm_f32x4_splat(0.0f);
  for (u32 b = 0; b < nb; b++) {
    const u8 *blk = g + b * gb;
    v128_t d4 = wasm_v128_load(blk + GROUP_SCALES(KIND));
    for (int t = 0; t < T; t++) {
#ifdef RELAXED
      const u8 *a = xa + t * 2 * cols + b * 32;
#else
      const u8 *a = xa + t * 2 * cols + b * 64;
#endif
      v128_t s = sum4_i32(row_dot(u4, blk, a, cols), row_dot(u4, blk + qb, a, cols), row_dot(u4, blk + 2 * qb, a, cols),
                          row_dot(u4, blk + 3 * qb, a, cols));
      const float *xst = xs + t * nb + b;
#ifdef RELAXED
      if (off8) s = wasm_i32x4_add(s, wasm_v128_load32_splat(xst));
#else
      if (off8) macc[t] = madd_f32x4(d4, wasm_v128_load32_splat(xst), macc[t]);
#endif
      acc[t] = madd_f32x4(wasm_f32x4_convert_i32x4(s), wasm_f32x4_mul(d4, wasm_v128_load32_splat(xd + t * nb + b)), acc[t]);
      if (mins) macc[t] = madd_f32x4(wasm_v128_load(blk + GROUP_MINS(KIND)), wasm_v128_load32_splat(xst), macc[t]);
    }
  }
  for (int t = 0; t < T; t++) {
    v128_t v = acc[t];
    if (mins) v = wasm_f32x4_add(v, macc[t]);
#ifndef RELAXED
    if (off8) v = wasm_f32x4_add(v, wasm_f32x4_mul(macc[t], wasm_f32x4_splat(-8.0f)));
#endif
    float *o = out + (u32)t * rows;
    if (R == 4) wasm_v128_store(o, v);
    else {
      float w[4];
      wasm_v128_store(w, v);
      for (u32 r = 0; r < R; r++) o[r] = w[r];
    }
  }
}

#endif
