/* Relaxed build, nibble weights (Q4_0, Q4_1, Q4_K), a batch of tokens: four rows per vector, one token per splat.
 * Each 4-row group's weights are copied, a chunk of blocks at a time, into a scratch layout where the 4 rows' bytes
 * 4k…4k+3 of a block sit side by side (a 4 × 4 transpose of 32-bit words). Then one load gives 4 rows' 8 nibble
 * values (2 registers after the split, shared by every token of the tile), a token's 4 activations are one 32-bit
 * load splat, one relaxed dot adds 4 products to each of the 4 rows, and a token's 4 outputs are one store.
 * Against gemm-relaxed.h's token-lane tiles (which split each row's nibbles apart and pay a splat per row): 61 vs 44
 * G multiply-adds/s on one core in Chromium (256 × 896 Q4_0, 64 tokens, tile of 6–8 tokens). The copy costs one
 * transpose per block and 4 rows, against 8 dots per token; inside the model the gain measured +12% on prompt
 * reading (Qwen2.5-0.5B Q4_0, testkit/cpu-engine/browser-bench.ts). Activations: quantize_act's groups of U4_GROUP
 * tokens, a block's tokens side by side. */
#ifndef HEARTH_GEMM_U4_H
#define HEARTH_GEMM_U4_H
#include "qtile.h"
#ifdef RELAXED

#define U4_GROUP 8 /* tokens a tile takes, and quantize_act's groups (wasm-kernels.ts sizes the buffers for 8) */
#define U4_CHUNK 64 /* blocks copied at once: 4 KB of weights and 2 KB of scales, on the stack */
typedef struct { u8 q[U4_CHUNK * 64]; float d[U4_CHUNK * 4], m[U4_CHUNK * 4]; } U4Pack;

/* R (≤ 4) rows from q (rb bytes a row), blocks b0 … b0+n−1, into p; missing rows are zeros (they add nothing). */
INLINE void pack_u4(int R, const u8 *q, const float *d, const float *m, u32 rb, u32 nb, u32 b0, u32 n, U4Pack *p) {
  for (u32 b = 0; b < n; b++) {
    v128_t v[4];
    for (int r = 0; r < 4; r++) v[r] = r < R ? wasm_v128_load(q + r * rb + (b0 + b) * 16) : wasm_i32x4_splat(0);
    v128_t t0 = wasm_i32x4_shuffle(v[0], v[1], 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(v[2], v[3], 0, 4, 1, 5);
    v128_t t2 = wasm_i32x4_shuffle(v[0], v[1], 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(v[2], v[3], 2, 6, 3, 7);
    u8 *o = p->q + b * 64;
    wasm_v128_store(o, wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5));
    wasm_v128_store(o + 16, wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7));
    wasm_v128_store(o + 32, wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5));
    wasm_v128_store(o + 48, wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7));
    for (int r = 0; r < 4; r++) {
      p->d[b * 4 + r] = r < R ? d[r * nb + b0 + b] : 0.0f;
      p->m[b * 4 + r] = r < R ? m[r * nb + b0 + b] : 0.0f;
    }
  }
}

/* T (≤ 8) tokens × the packed 4 rows over its n blocks. x, xd, xs: the batch's activations at the pack's first
 * block, in quantize_act's 8-token groups (block b of token t: 32 int8 at x + (8b + t)·32, its scale and scale·Σq at
 * xd, xs + 8b + t: fixed offsets, so the token loop needs no address registers). out[t·rows + r]: the first R rows
 * are written (added to when `add`: a later chunk of blocks). */
INLINE void tile_u4b(int T, const U4Pack *p, u32 n, const u8 *x, const float *xd, const float *xs, float *out,
                     u32 rows, int R, int add) {
  v128_t acc[8];
  for (int t = 0; t < T; t++) acc[t] = wasm_f32x4_splat(0.0f);
  for (u32 b = 0; b < n; b++) {
    v128_t s[8];
    for (int t = 0; t < T; t++) s[t] = wasm_i32x4_splat(0);
    for (int k = 0; k < 4; k++) {
      v128_t w = wasm_v128_load(p->q + b * 64 + 16 * k);
      v128_t lo = wasm_v128_and(w, wasm_i8x16_splat(15)), hi = wasm_v128_and(wasm_u16x8_shr(w, 4), wasm_i8x16_splat(15));
      for (int t = 0; t < T; t++) {
        const u8 *a = x + (b * U4_GROUP + (u32)t) * 32 + 4 * k;
        s[t] = rdot(wasm_v128_load32_splat(a + 16), hi, rdot(wasm_v128_load32_splat(a), lo, s[t]));
      }
    }
    v128_t dv = wasm_v128_load(p->d + b * 4), mv = wasm_v128_load(p->m + b * 4);
    for (int t = 0; t < T; t++) {
      u32 at = b * U4_GROUP + (u32)t;
      v128_t sc = wasm_f32x4_mul(dv, wasm_v128_load32_splat(xd + at));
      acc[t] = wasm_f32x4_add(acc[t], wasm_f32x4_mul(wasm_f32x4_convert_i32x4(s[t]), sc));
      acc[t] = wasm_f32x4_add(acc[t], wasm_f32x4_mul(mv, wasm_v128_load32_splat(xs + at)));
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
