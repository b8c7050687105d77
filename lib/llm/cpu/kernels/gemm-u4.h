/* Relaxed build, nibble weights (Q4_0, Q4_1, Q4_K), a batch of tokens: four rows per vector, one token per splat.
 * Each 4-row group's weights are copied, a chunk of blocks at a time, into a scratch layout where the 4 rows' values
 * 4k…4k+3 of a block sit side by side, nibbles already split (a 4 × 4 transpose of 32-bit words, then a mask and a
 * shift). Then a block's 8 weight vectors are 8 loads, shared by every token of the tile; a token's 4 activations
 * are one 32-bit load splat, one relaxed dot adds 4 products to each of the 4 rows, and a token's 4 outputs are one
 * store. Q4_0 subtracts its 8 inside the integer dot (the min term's splat, multiply and add per block and token
 * gone), and the scale step is one multiply and one multiply-add.
 * Measured in Chromium, one core, 4864 × 896 and 896 × 4864 Q4_0 × 64 tokens (scripts/ab-kernels.ts --browser):
 * 36–39 G multiply-adds/s before (a chain of 8 dots per token, nibbles split per block, the min term in f32), 52–54
 * after; Q4_1 38.5 → 44. Activations: quantize_act's groups of U4_GROUP tokens, a block's tokens side by side. */
#ifndef HEARTH_GEMM_U4_H
#define HEARTH_GEMM_U4_H
#include "qtile.h"
#ifdef RELAXED

#define U4_GROUP 8 /* tokens a tile takes, and quantize_act's groups (wasm-kernels.ts sizes the buffers for 8) */
#define U4_CHUNK 64 /* blocks copied at once: 8 KB of split nibbles and 2 KB of scales, on the stack */
typedef struct { u8 q[U4_CHUNK * 128]; float d[U4_CHUNK * 4], m[U4_CHUNK * 4]; } U4Pack;

/* R (≤ 4) rows from q (rb bytes a row), blocks b0 … b0+n−1, into p; missing rows are zeros (they add nothing).
 * Block b's 128 bytes: for k = 0…3, the 4 rows' values 4k…4k+3 (low nibbles: 16 bytes) then 16+4k…16+4k+3 (high
 * nibbles), already split, so the tile loads them as they are. */
INLINE void pack_u4(int R, const u8 *q, const float *d, const float *m, u32 rb, u32 nb, u32 b0, u32 n, U4Pack *p) {
  v128_t lo = wasm_i8x16_splat(15);
  for (u32 b = 0; b < n; b++) {
    v128_t v[4];
    for (int r = 0; r < 4; r++) v[r] = r < R ? wasm_v128_load(q + r * rb + (b0 + b) * 16) : wasm_i32x4_splat(0);
    v128_t t0 = wasm_i32x4_shuffle(v[0], v[1], 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(v[2], v[3], 0, 4, 1, 5);
    v128_t t2 = wasm_i32x4_shuffle(v[0], v[1], 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(v[2], v[3], 2, 6, 3, 7);
    v128_t g[4] = {wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5), wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7),
                   wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5), wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7)};
    u8 *o = p->q + b * 128;
    for (int k = 0; k < 4; k++) {
      wasm_v128_store(o + 32 * k, wasm_v128_and(g[k], lo));
      wasm_v128_store(o + 32 * k + 16, wasm_v128_and(wasm_u16x8_shr(g[k], 4), lo));
    }
    for (int r = 0; r < 4; r++) {
      p->d[b * 4 + r] = r < R ? d[r * nb + b0 + b] : 0.0f;
      p->m[b * 4 + r] = r < R ? m[r * nb + b0 + b] : 0.0f;
    }
  }
}

/* T (≤ 8) tokens × the packed 4 rows over its n blocks. x, xd, xs: the batch's activations at the pack's first
 * block, in quantize_act's 8-token groups (block b of token t: 32 int8 at x + (8b + t)·32, its scale at xd + 8b + t).
 * OFF8 (Q4_0, whose values are d·(q − 8)): xs holds −8·Σq as int32 and starts each block's integer dot, as ggml's
 * own q4_0 · q8_0 dot subtracts the 8; else xs holds scale·Σq, times the pack's mins. out[t·rows + r]: the first R rows are written (added to when `add`: a later chunk
 * of blocks). */
INLINE void tile_u4b(int T, int OFF8, const U4Pack *p, u32 n, const u8 *x, const float *xd, const float *xs,
                     float *out, u32 rows, int R, int add) {
  v128_t acc[8];
#pragma clang loop unroll(full)
  for (int t = 0; t < T; t++) acc[t] = wasm_f32x4_splat(0.0f);
  for (u32 b = 0; b < n; b++) {
    const u8 *xb = x + b * 256, *pb = p->q + b * 128;
    const float *db = xd + b * 8, *sb = xs + b * 8;
    v128_t w[8]; /* held in registers across the tokens (clang does so for loads in the loop anyway) */
#pragma clang loop unroll(full)
    for (int i = 0; i < 8; i++) w[i] = wasm_v128_load(pb + 16 * i);
    v128_t dv = wasm_v128_load(p->d + b * 4), mv = wasm_v128_load(p->m + b * 4);
#pragma clang loop unroll(full)
    for (int t = 0; t < T; t++) {
      /* Two integer sums (low and high nibbles), each 4 dots long: one chain of 8 dependent dots per token held the
       * tile back (measured 12–17% slower). */
      v128_t lo = OFF8 ? wasm_v128_load32_splat(sb + t) : wasm_i32x4_splat(0), hi = wasm_i32x4_splat(0);
#pragma clang loop unroll(full)
      for (int k = 0; k < 4; k++) {
        lo = rdot(wasm_v128_load32_splat(xb + 32 * t + 4 * k), w[2 * k], lo);
        hi = rdot(wasm_v128_load32_splat(xb + 32 * t + 16 + 4 * k), w[2 * k + 1], hi);
      }
      v128_t s = wasm_i32x4_add(lo, hi);
      v128_t sc = wasm_f32x4_mul(dv, wasm_v128_load32_splat(db + t));
      acc[t] = madd_f32x4(wasm_f32x4_convert_i32x4(s), sc, acc[t]);
      if (!OFF8) acc[t] = madd_f32x4(mv, wasm_v128_load32_splat(sb + t), acc[t]);
    }
  }
  for (int t = 0; t < T; t++) {
    float *o = out + (u32)t * rows;
    if (R == 4) wasm_v128_store(o, add ? wasm_f32x4_add(wasm_v128_load(o), acc[t]) : acc[t]);
    else {
      float v[4];
      wasm_v128_store(v, acc[t]);
      for (int r = 0; r < R; r++) o[r] = add ? o[r] + v[r] : v[r];
    }
  }
}

#endif /* RELAXED */
#endif
