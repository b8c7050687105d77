/* Register-blocked tiles of an int8 matrix × int8 activations: R rows × T tokens at once, R·T f32 accumulators,
 * so each weight block loaded (and widened) serves T tokens and each activation block R rows (nibble weights:
 * gemm-u4.h).
 * A prompt batch (T up to 4) and one decoding token (T = 1, R = 4) take the same code with different constants.
 * Each 32-block: an exact integer dot, then one f32 multiply-add by the product of the two scales; a block's min
 * (Q5_1, Q5_K) is Σ_b m[r,b]·(scale·Σq)[t,b], summed apart from the hot loop. */
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
/* Activations (relaxed build, int8 weights), per token 2·cols bytes: |q| then a sign mask (0xff where q < 0): |q|
 * is the 7-bit operand and the weight takes the sign, (w ^ s) − s (a weight of −128 would wrap; ggml's quantizers
 * never write it and repack.c clamps it). */
INLINE void qblock(int R, int T, const u8 *q, u32 rb, u32 b, u32 cols, const u8 *xa, v128_t sp[4][4], v128_t acc[4][4]) {
  /* Rows are read in the token loop, L1 hits: holding 4 rows' int8 weights in registers spilled (measured 1.7×
   * slower decoding). */
  for (int t = 0; t < T; t++) {
    const u8 *a = xa + t * 2 * cols + b * 32;
    v128_t a0 = wasm_v128_load(a), a1 = wasm_v128_load(a + 16);
    v128_t s0 = wasm_v128_load(a + cols), s1 = wasm_v128_load(a + cols + 16);
    for (int r = 0; r < R; r++) {
      v128_t v0 = wasm_v128_load(q + r * rb + b * 32), v1 = wasm_v128_load(q + r * rb + b * 32 + 16);
      v128_t p = rdot(wasm_i8x16_sub(wasm_v128_xor(v1, s1), s1), a1, rdot(wasm_i8x16_sub(wasm_v128_xor(v0, s0), s0), a0, wasm_i32x4_splat(0)));
      acc[r][t] = wasm_f32x4_add(acc[r][t], wasm_f32x4_mul(wasm_f32x4_convert_i32x4(p), sp[r][t]));
    }
  }
}
#else
/* Four i16x8 weight vectors of 32-block b, widened straight from memory (v128.load8x8 is one instruction). */
INLINE void widen(const u8 *q, u32 b, v128_t *w) {
  w[0] = wasm_i16x8_load8x8(q + b * 32); w[1] = wasm_i16x8_load8x8(q + b * 32 + 8);
  w[2] = wasm_i16x8_load8x8(q + b * 32 + 16); w[3] = wasm_i16x8_load8x8(q + b * 32 + 24);
}

INLINE v128_t dot32(const v128_t *w, const i16 *a) {
  return wasm_i32x4_add(wasm_i32x4_add(wasm_i32x4_dot_i16x8(w[0], wasm_v128_load(a)), wasm_i32x4_dot_i16x8(w[1], wasm_v128_load(a + 8))),
                        wasm_i32x4_add(wasm_i32x4_dot_i16x8(w[2], wasm_v128_load(a + 16)), wasm_i32x4_dot_i16x8(w[3], wasm_v128_load(a + 24))));
}

/* SIMD128: activations as int16 (only the weights are widened, once per block and row, for all T tokens). */
INLINE void qblock(int R, int T, const u8 *q, u32 rb, u32 b, u32 cols, const u8 *xa, v128_t sp[4][4], v128_t acc[4][4]) {
  for (int r = 0; r < R; r++) {
    v128_t w[4];
    widen(q + r * rb, b, w);
    for (int t = 0; t < T; t++) {
      v128_t p = dot32(w, (const i16 *)xa + t * cols + b * 32);
      acc[r][t] = wasm_f32x4_add(acc[r][t], wasm_f32x4_mul(wasm_f32x4_convert_i32x4(p), sp[r][t]));
    }
  }
}
#endif

/* R rows × T tokens of int8 weights (with mins when hasMin). Writes out[t·rows + r]. */
INLINE void tile_q(int R, int T, int hasMin, const u8 *q, const float *d, const float *m, u32 cols, const u8 *xa,
                   const float *xd, const float *xs, float *out, u32 rows) {
  u32 nb = cols / 32, rb = cols;
  v128_t acc[4][4];
  for (int r = 0; r < R; r++)
    for (int t = 0; t < T; t++) acc[r][t] = wasm_f32x4_splat(0.0f);
  /* Blocks in fours: one vector multiply gives 4 blocks' scale products, a lane shuffle splats each (cheaper than a
   * scalar multiply and a splat per block). */
  u32 b = 0;
  for (; b + 4 <= nb; b += 4) {
    v128_t sp[4][4];
    /* The 4-block products are recomputed for each lane (two loads and a multiply): kept for all 4 lanes, they took
     * R·T more registers and spilled (measured 2× slower decoding on Q8_0). */
#define LANE(K)                                                                                                      \
    for (int r = 0; r < R; r++)                                                                                      \
      for (int t = 0; t < T; t++) {                                                                                  \
        v128_t s4 = wasm_f32x4_mul(wasm_v128_load(d + r * nb + b), wasm_v128_load(xd + t * nb + b));                 \
        sp[r][t] = wasm_i32x4_shuffle(s4, s4, K, K, K, K);                                                           \
      }                                                                                                              \
    qblock(R, T, q, rb, b + K, cols, xa, sp, acc);
    LANE(0) LANE(1) LANE(2) LANE(3)
#undef LANE
  }
  for (; b < nb; b++) {
    v128_t sp[4][4];
    for (int r = 0; r < R; r++)
      for (int t = 0; t < T; t++) sp[r][t] = wasm_f32x4_splat(d[r * nb + b] * xd[t * nb + b]);
    qblock(R, T, q, rb, b, cols, xa, sp, acc);
  }
  for (int r = 0; r < R; r++)
    for (int t = 0; t < T; t++) {
      float mt = 0.0f;
      if (hasMin) {
        v128_t s = wasm_f32x4_splat(0.0f);
        u32 c = 0;
        for (; c + 4 <= nb; c += 4) s = wasm_f32x4_add(s, wasm_f32x4_mul(wasm_v128_load(m + r * nb + c), wasm_v128_load(xs + t * nb + c)));
        mt = hsum_f32x4(s);
        for (; c < nb; c++) mt += m[r * nb + c] * xs[t * nb + c];
      }
      out[t * rows + r] = hsum_f32x4(acc[r][t]) + mt;
    }
}

#endif
