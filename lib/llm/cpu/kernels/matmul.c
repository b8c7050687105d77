/* Matrix × activations. Quantized weights meet activations quantized to int8 per 32 (stored widened to int16 so the
 * inner loop only widens the weights, once per block, then reuses them for up to 4 tokens: register tiling).
 * Each 32-block: i32x4.dot_i16x8_s ×4 → one f32 fma with the product of the two scales (+ the min term). */
#include "common.h"

/* Activations: xq = tokens×cols int16 (values in −127…127), xd = tokens×nb scales (fp16-rounded, as llama.cpp's
 * q8 blocks), xs = tokens×nb (scale·Σq). The relaxed build stores, in the same tokens×cols×2 bytes, per token:
 * q as int8 when `u4` (for nibble weights), else |q| as int8 (cols bytes) then a sign mask (cols bytes, 0xff where
 * q < 0): see qtile.h. */
EXPORT(quantize_act) void quantize_act(const float *x, u32 tokens, u32 cols, i16 *xq, float *xd, float *xs, i32 u4) {
  u32 nb = cols / 32;
  for (u32 t = 0; t < tokens; t++)
    for (u32 b = 0; b < nb; b++) {
      const float *p = x + t * cols + b * 32;
      v128_t v[8], mx = wasm_f32x4_splat(0.0f);
      for (int k = 0; k < 8; k++) { v[k] = wasm_v128_load(p + 4 * k); mx = wasm_f32x4_pmax(mx, wasm_f32x4_abs(v[k])); }
      mx = wasm_f32x4_pmax(mx, wasm_i32x4_shuffle(mx, mx, 2, 3, 0, 1));
      mx = wasm_f32x4_pmax(mx, wasm_i32x4_shuffle(mx, mx, 1, 0, 3, 2));
      float amax = wasm_f32x4_extract_lane(mx, 0);
      float dd = round_f16(amax / 127.0f), id = amax > 0.0f ? 127.0f / amax : 0.0f;
      v128_t vid = wasm_f32x4_splat(id), sum = wasm_i32x4_splat(0);
      v128_t h[4];
      for (int k = 0; k < 8; k += 2) {
        v128_t a = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_mul(v[k], vid)));
        v128_t c = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_mul(v[k + 1], vid)));
        sum = wasm_i32x4_add(sum, wasm_i32x4_add(a, c));
        h[k / 2] = wasm_i16x8_narrow_i32x4(a, c);
      }
#ifdef RELAXED
      u8 *o = (u8 *)(xq + t * cols) + b * 32;
      for (int k = 0; k < 2; k++) {
        v128_t q8 = wasm_i8x16_narrow_i16x8(h[2 * k], h[2 * k + 1]);
        if (u4) wasm_v128_store(o + 16 * k, q8);
        else {
          wasm_v128_store(o + 16 * k, wasm_i8x16_abs(q8));
          wasm_v128_store(o + cols + 16 * k, wasm_i8x16_lt(q8, wasm_i8x16_splat(0)));
        }
      }
#else
      (void)u4;
      i16 *o = xq + t * cols + b * 32;
      for (int k = 0; k < 4; k++) wasm_v128_store(o + 8 * k, h[k]);
#endif
      i32 s = wasm_i32x4_extract_lane(sum, 0) + wasm_i32x4_extract_lane(sum, 1) + wasm_i32x4_extract_lane(sum, 2) +
              wasm_i32x4_extract_lane(sum, 3);
      xd[t * nb + b] = dd;
      xs[t * nb + b] = dd * (float)s;
    }
}

#include "qtile.h"

/* Tiles of every size up to 4 × 4 for each quantized layout (the edges of a matrix or a batch take smaller ones),
 * each its own small function: V8 compiles a wasm function with its baseline compiler first and optimizes hot ones
 * one at a time, and one function holding all sixteen stayed unoptimized for many calls. */
typedef void TileFn(const u8 *q, const float *d, const float *m, u32 cols, const u8 *xa, const float *xd,
                    const float *xs, float *out, u32 rows);
#define TILE_DEF(NAME, U4, MIN, R, T)                                                                                \
  __attribute__((noinline)) static void NAME##_##R##x##T(const u8 *q, const float *d, const float *m, u32 cols,     \
      const u8 *xa, const float *xd, const float *xs, float *out, u32 rows) {                                        \
    tile_q(R, T, U4, MIN, q, d, m, cols, xa, xd, xs, out, rows);                                                     \
  }
#define TILE_ROW(NAME, U4, MIN, R) TILE_DEF(NAME, U4, MIN, R, 1) TILE_DEF(NAME, U4, MIN, R, 2) \
  TILE_DEF(NAME, U4, MIN, R, 3) TILE_DEF(NAME, U4, MIN, R, 4)
#define TILES(NAME, U4, MIN)                                                                                         \
  TILE_ROW(NAME, U4, MIN, 1) TILE_ROW(NAME, U4, MIN, 2) TILE_ROW(NAME, U4, MIN, 3) TILE_ROW(NAME, U4, MIN, 4)        \
  static TileFn *const NAME[16] = {NAME##_1x1, NAME##_1x2, NAME##_1x3, NAME##_1x4, NAME##_2x1, NAME##_2x2,           \
    NAME##_2x3, NAME##_2x4, NAME##_3x1, NAME##_3x2, NAME##_3x3, NAME##_3x4, NAME##_4x1, NAME##_4x2, NAME##_4x3,       \
    NAME##_4x4};
TILES(tile_i8, 0, 0)
TILES(tile_i8m, 0, 1)
TILES(tile_u4, 1, 1)

/* F32 weights: R rows × T tokens, exact f32 products summed in 4 lanes (plus a scalar tail). */
INLINE void tile_f(int R, int T, const float *w, u32 cols, const float *x, float *out, u32 rows) {
  v128_t acc[2][4];
  for (int r = 0; r < R; r++)
    for (int t = 0; t < T; t++) acc[r][t] = wasm_f32x4_splat(0.0f);
  u32 c4 = cols & ~3u;
  for (u32 c = 0; c < c4; c += 4) {
    v128_t wv[2];
    for (int r = 0; r < R; r++) wv[r] = wasm_v128_load(w + r * cols + c);
    for (int t = 0; t < T; t++) {
      v128_t a = wasm_v128_load(x + t * cols + c);
      for (int r = 0; r < R; r++) acc[r][t] = wasm_f32x4_add(acc[r][t], wasm_f32x4_mul(wv[r], a));
    }
  }
  for (int r = 0; r < R; r++)
    for (int t = 0; t < T; t++) {
      float s = hsum_f32x4(acc[r][t]);
      for (u32 c = c4; c < cols; c++) s += w[r * cols + c] * x[t * cols + c];
      out[t * rows + r] = s;
    }
}

static void tile_f32(int R, int T, const float *w, u32 cols, const float *x, float *out, u32 rows) {
  if (R == 2) {
    if (T == 1) tile_f(2, 1, w, cols, x, out, rows);
    else if (T == 2) tile_f(2, 2, w, cols, x, out, rows);
    else if (T == 3) tile_f(2, 3, w, cols, x, out, rows);
    else tile_f(2, 4, w, cols, x, out, rows);
  } else {
    if (T == 1) tile_f(1, 1, w, cols, x, out, rows);
    else if (T == 2) tile_f(1, 2, w, cols, x, out, rows);
    else if (T == 3) tile_f(1, 3, w, cols, x, out, rows);
    else tile_f(1, 4, w, cols, x, out, rows);
  }
}

/* Tile sizes. One token (decoding): 4 rows per activation load. A batch: QTILE_R rows × QTILE_T tokens. */
#ifndef QTILE_R
#ifdef RELAXED
#define QTILE_R 2
#define QTILE_T 4
#else
#define QTILE_R 2
#define QTILE_T 2
#endif
#endif

/* Rows [r0, r1) of a matmul job, every token: row tiles outside, so a tile's weights stay in L1 while the batch's
 * activations (64 tokens × cols bytes) stream from L2. */
void matmul_rows(const MatmulJob *j, u32 r0, u32 r1) {
  const u8 *q = (const u8 *)j->q;
  const float *d = (const float *)j->d, *m = (const float *)j->m, *xd = (const float *)j->xd, *xs = (const float *)j->xs;
  u32 rows = j->rows, cols = j->cols, tokens = j->tokens, nb = cols / 32;
  float *out = (float *)j->out;
  i32 kind = j->kind;
  u32 rb = kind == KIND_F32 ? cols * 4 : kind == KIND_U4 ? cols / 2 : cols;
  u32 maxR = kind == KIND_F32 ? 2 : tokens == 1 ? 4 : QTILE_R, maxT = kind == KIND_F32 ? 4 : QTILE_T;
  for (u32 r = r0; r < r1;) {
    int R = (int)(r1 - r < maxR ? r1 - r : maxR);
    for (u32 t = 0; t < tokens;) {
      int T = (int)(tokens - t < maxT ? tokens - t : maxT);
      float *o = out + t * rows + r;
      if (kind == KIND_F32) tile_f32(R, T, (const float *)(q + r * rb), cols, (const float *)j->x + t * cols, o, rows);
      else {
        const u8 *xa = (const u8 *)j->x + t * cols * 2; /* 2 bytes per activation in either build's layout */
        const float *dr = d + r * nb, *mr = m ? m + r * nb : 0, *xdt = xd + t * nb, *xst = xs + t * nb;
        TileFn *const *tiles = kind == KIND_U4 ? tile_u4 : m ? tile_i8m : tile_i8;
        tiles[(R - 1) * 4 + T - 1](q + r * rb, dr, mr, cols, xa, xdt, xst, o, rows);
      }
      t += (u32)T;
    }
    r += (u32)R;
  }
}
