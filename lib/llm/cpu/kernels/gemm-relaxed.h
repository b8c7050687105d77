/* Relaxed build, a batch of tokens, int8 weights (nibble weights: gemm-u4.h): four tokens per vector lane set. quantize_act lays a batch out in groups of 4
 * tokens, each 4 activations of a token in its own lane (vector k of a group's block = [t0 q[4k..4k+3] | t1 … | t2 … |
 * t3 …]); a weight's 4 values are one 32-bit load splat to every lane. Then one relaxed dot gives each of 4 tokens 4
 * more products in its own lane: no horizontal sums, and one f32 multiply-add applies 4 tokens' block scales at once
 * (row-major tiles pay a convert, a multiply, an add and a splat per token and block: more than the dots on 4-bit
 * weights). The integer dots are the same exact sums as qtile.h's, so only f32 rounding order differs. */
#ifndef HEARTH_GEMM_RELAXED_H
#define HEARTH_GEMM_RELAXED_H
#include "qtile.h"
#ifdef RELAXED

/* Bytes of one group's 32-block: |q| (4 tokens × 32 int8) then its sign mask. */
#define GROUP_BLOCK 256u

/* The first R rows of the 4-row group grp (common.h) × G groups of tokens (4G tokens, the last group's missing
 * tokens are zeros). xa, xd4, xs4 start at the first group; xd4/xs4 hold a group's 4 scales (and scale·Σq) per
 * block. Writes the first `valid` tokens of out[t·rows + r]. */
INLINE void tile_g(int R, int G, int hasMin, const u8 *grp, u32 cols, const u8 *xa, const float *xd4, const float *xs4,
                   float *out, u32 rows, u32 valid) {
  u32 nb = cols / 32, gs = nb * GROUP_BLOCK; /* bytes per group of tokens */
  const i32 kind = hasMin ? KIND_I8_MIN : KIND_I8;
  u32 gb = GROUP_BLOCK_BYTES(kind); /* a block of the weights' group: 4 × 32 quants, scales, mins */
  v128_t acc[4][4];
  for (int r = 0; r < R; r++)
    for (int g = 0; g < G; g++) acc[r][g] = wasm_f32x4_splat(0.0f);
  for (u32 b = 0; b < nb; b++) {
    v128_t p[4][4];
    for (int r = 0; r < R; r++)
      for (int g = 0; g < G; g++) p[r][g] = wasm_i32x4_splat(0);
    const u8 *ab = xa + b * GROUP_BLOCK, *blk = grp + b * gb;
    for (int k = 0; k < 8; k++) {
      v128_t w[4];
      for (int r = 0; r < R; r++) w[r] = wasm_v128_load32_splat(blk + r * 32 + 4 * k);
      for (int g = 0; g < G; g++) {
        v128_t a = wasm_v128_load(ab + g * gs + 16 * k), s = wasm_v128_load(ab + g * gs + 128 + 16 * k);
        for (int r = 0; r < R; r++) p[r][g] = rdot(wasm_i8x16_sub(wasm_v128_xor(w[r], s), s), a, p[r][g]);
      }
    }
    for (int r = 0; r < R; r++) {
      v128_t dr = wasm_v128_load32_splat(blk + GROUP_SCALES(kind) + 4 * r);
      for (int g = 0; g < G; g++) {
        v128_t sp = wasm_f32x4_mul(dr, wasm_v128_load(xd4 + (g * nb + b) * 4));
        acc[r][g] = wasm_f32x4_add(acc[r][g], wasm_f32x4_mul(wasm_f32x4_convert_i32x4(p[r][g]), sp));
      }
    }
  }
  for (int r = 0; r < R; r++)
    for (int g = 0; g < G; g++) {
      v128_t v = acc[r][g];
      if (hasMin)
        for (u32 b = 0; b < nb; b++)
          v = wasm_f32x4_add(v, wasm_f32x4_mul(wasm_v128_load32_splat(grp + b * gb + GROUP_MINS(kind) + 4 * r), wasm_v128_load(xs4 + (g * nb + b) * 4)));
      float *o = out + (u32)g * 4 * rows + (u32)r;
      u32 n = valid - (u32)g * 4 < 4 ? valid - (u32)g * 4 : 4;
      if (n > 0) o[0] = wasm_f32x4_extract_lane(v, 0);
      if (n > 1) o[rows] = wasm_f32x4_extract_lane(v, 1);
      if (n > 2) o[2 * rows] = wasm_f32x4_extract_lane(v, 2);
      if (n > 3) o[3 * rows] = wasm_f32x4_extract_lane(v, 3);
    }
}

#endif /* RELAXED */
#endif
