/* Nibble weights (Q4_0, Q4_1, Q4_K, in common.h's 4-row groups), the relaxed build, a batch of tokens (tile_u4b):
 * four rows per vector, one token per splat.
 * Each 4-row group's weights are copied, a chunk of blocks at a time, into a scratch layout where the 4 rows' values
 * 4k…4k+3 of a block sit side by side, nibbles already split (a 4 × 4 transpose of 32-bit words, then a mask and a
 * shift). Then a block's 8 weight vectors are 8 loads, shared by every token of the tile; a token's 4 activations
 * are one splat, one relaxed dot adds 4 products to each of the 4 rows, and a token's 4 outputs are one store. Q4_0
 * subtracts its 8 inside the integer dot (no min term), and the scale step is one multiply and one multiply-add.
 * Measured in Chromium, one core, 4864 × 896 and 896 × 4864 Q4_0 × 64 tokens (scripts/ab-kernels.ts --browser, the
 * builds alternating): 36–39 G multiply-adds/s before (a chain of 8 dots per token, nibbles split per block, the min
 * term in f32, an add before every load), 61–64 after; Q4_1 38.5 → 57. The relaxed dot is one vpdpbusd here (AVX-VNNI,
 * 2 per cycle, 4 cycles' latency, measured natively): that is ~109 G/s at 3.4 GHz, so the tile runs at ~0.55 of it.
 * Activations: quantize_act's groups of U4_GROUP tokens, a block's tokens side by side. */
#ifndef HEARTH_GEMM_U4_H
#define HEARTH_GEMM_U4_H
#include "qtile.h"

#ifdef RELAXED

#define U4_GROUP 8 /* tokens a tile takes, and quantize_act's groups (wasm-kernels.ts sizes the buffers for 8) */
#define U4_CHUNK 64 /* blocks copied at once: 8 KB of split nibbles and 2 KB of scales, on the stack */
typedef struct { u8 q[U4_CHUNK * 128]; float d[U4_CHUNK * 4], m[U4_CHUNK * 4]; } __attribute__((aligned(128))) U4Pack;

/* Group g's blocks b0 … b0+n−1 (gb bytes each) into p. Block b's 128 bytes: for k = 0…3, the 4 rows' values
 * 4k…4k+3 (low nibbles: 16 bytes) then 16+4k…16+4k+3 (high nibbles), already split, so the tile loads them as they
 * are. A group's missing rows (the last group's) only reach their own lanes, which are never stored. */
INLINE void pack_u4(int mins, const u8 *g, u32 gb, u32 b0, u32 n, U4Pack *p) {
  v128_t lo = wasm_i8x16_splat(15);
  for (u32 b = 0; b < n; b++) {
    const u8 *blk = g + (b0 + b) * gb;
    v128_t v[4];
    for (int r = 0; r < 4; r++) v[r] = wasm_v128_load(blk + 16 * r);
    v128_t t0 = wasm_i32x4_shuffle(v[0], v[1], 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(v[2], v[3], 0, 4, 1, 5);
    v128_t t2 = wasm_i32x4_shuffle(v[0], v[1], 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(v[2], v[3], 2, 6, 3, 7);
    v128_t w[4] = {wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5), wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7),
                   wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5), wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7)};
    u8 *o = p->q + b * 128;
    for (int k = 0; k < 4; k++) {
      wasm_v128_store(o + 32 * k, wasm_v128_and(w[k], lo));
      wasm_v128_store(o + 32 * k + 16, wasm_v128_and(wasm_u16x8_shr(w[k], 4), lo));
    }
    wasm_v128_store(p->d + b * 4, wasm_v128_load(blk + GROUP_SCALES(KIND_U4)));
    if (mins) wasm_v128_store(p->m + b * 4, wasm_v128_load(blk + GROUP_MINS(KIND_U4)));
  }
}

/* base + c, for a base whose low bits (those c uses) are zero, written base | c: clang then folds c into the load's
 * offset and V8 addresses it directly, where base + c costs an add (lea) before every load. */
#define U4_AT(base, c) ((const void *)((base) | (u32)(c)))

/* T (≤ 8) tokens × the packed 4 rows over its n blocks. x, xd, xs: the batch's activations at the pack's first
 * block, in quantize_act's 8-token groups (block b of token t: 32 int8 at x + (8b + t)·32, its scale at xd + 8b + t;
 * x is 256-byte aligned, xd and xs 32: matmul_u4_batch checks). OFF8 (Q4_0, whose values are d·(q − 8)): xs holds
 * −8·Σq as int32 and starts each block's integer dot, as ggml's own q4_0 · q8_0 dot subtracts the 8; else xs holds
 * scale·Σq, times the pack's mins. out[t·rows + r]: the first R rows are written (added to when `add`: a later
 * chunk of blocks). */
INLINE void tile_u4b(int T, int OFF8, const U4Pack *p, u32 n, const u8 *x, const float *xd, const float *xs,
                     float *out, u32 rows, int R, int add) {
  v128_t acc[8];
#pragma clang loop unroll(full)
  for (int t = 0; t < T; t++) acc[t] = wasm_f32x4_splat(0.0f);
  for (u32 b = 0; b < n; b++) {
    /* Masked in the block's own code, so that clang sees the zero low bits (U4_AT). */
    u32 xb = ((u32)x + b * 256) & ~255u, pb = ((u32)p->q + b * 128) & ~127u;
    u32 db = ((u32)xd + b * 32) & ~31u, sb = ((u32)xs + b * 32) & ~31u;
    v128_t w[8];
#pragma clang loop unroll(full)
    for (int i = 0; i < 8; i++) w[i] = wasm_v128_load(U4_AT(pb, 16 * i));
    v128_t dv = wasm_v128_load(p->d + b * 4), mv = wasm_v128_load(p->m + b * 4);
#pragma clang loop unroll(full)
    for (int t = 0; t < T; t++) {
      /* A token's 32 activations are two loads, each 32-bit group splat by a shuffle (V8 puts an add before every
       * 32-bit load splat: measured 17–20% slower). Two integer sums (low and high nibbles), each 4 dots long: one
       * chain of 8 dependent dots held the tile back (12–17%). */
      v128_t lo = OFF8 ? wasm_v128_load32_splat(U4_AT(sb, 4 * t)) : wasm_i32x4_splat(0), hi = wasm_i32x4_splat(0);
      v128_t al = wasm_v128_load(U4_AT(xb, 32 * t)), ah = wasm_v128_load(U4_AT(xb, 32 * t + 16));
      lo = rdot(wasm_i32x4_shuffle(al, al, 0, 0, 0, 0), w[0], lo);
      hi = rdot(wasm_i32x4_shuffle(ah, ah, 0, 0, 0, 0), w[1], hi);
      lo = rdot(wasm_i32x4_shuffle(al, al, 1, 1, 1, 1), w[2], lo);
      hi = rdot(wasm_i32x4_shuffle(ah, ah, 1, 1, 1, 1), w[3], hi);
      lo = rdot(wasm_i32x4_shuffle(al, al, 2, 2, 2, 2), w[4], lo);
      hi = rdot(wasm_i32x4_shuffle(ah, ah, 2, 2, 2, 2), w[5], hi);
      lo = rdot(wasm_i32x4_shuffle(al, al, 3, 3, 3, 3), w[6], lo);
      hi = rdot(wasm_i32x4_shuffle(ah, ah, 3, 3, 3, 3), w[7], hi);
      v128_t sc = wasm_f32x4_mul(dv, wasm_v128_load32_splat(U4_AT(db, 4 * t)));
      acc[t] = madd_f32x4(wasm_f32x4_convert_i32x4(wasm_i32x4_add(lo, hi)), sc, acc[t]);
      if (!OFF8) acc[t] = madd_f32x4(mv, wasm_v128_load32_splat(U4_AT(sb, 4 * t)), acc[t]);
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
