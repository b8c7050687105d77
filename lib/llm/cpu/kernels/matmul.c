/* Matrix × activations. Quantized weights meet activations quantized to int8 per 32, in register tiles of rows ×
 * tokens (qtile.h; the relaxed build's batches: gemm-relaxed.h). Each 32-block: an exact integer dot, then one f32
 * multiply-add with the product of the two scales (+ the min term). */
#include "common.h"
#include "gemm-relaxed.h"
#include "gemm-u4.h"

/* Activations: xq = tokens×cols int16 (values in −127…127), xd = tokens×nb scales (fp16-rounded, as llama.cpp's
 * q8 blocks), xs = tokens×nb (scale·Σq). The relaxed build stores, in the same tokens×cols×2 bytes, one token (tokens
 * = 1): q as int8 when `u4` (for nibble weights), else |q| as int8 (cols bytes) then a sign mask (cols bytes, 0xff
 * where q < 0): see qtile.h. A batch (tokens > 1) in the relaxed build: for int8 weights groups of 4 tokens
 * (gemm-relaxed.h), for nibble weights groups of U4_GROUP = 8 (gemm-u4.h), tokens rounded up to a whole group with
 * zeros (the caller sizes xq, xd, xs for 8). The relaxed build with u4 = 2 (Q4_0) puts −8·Σq, an int32, in xs. */
/* The tokens quantize_act lays out: `tokens`, rounded up to a whole group in the relaxed build's batch layouts. */
u32 quantize_padded(u32 tokens, i32 u4) {
#ifdef RELAXED
  if (tokens > 1) return u4 ? (tokens + U4_GROUP - 1) / U4_GROUP * U4_GROUP : (tokens + 3) & ~3u;
#endif
  (void)u4;
  return tokens;
}

/* Tokens [t0, t1) of quantize_act (each token's values are written apart from the others': threads split a batch). */
void quantize_tokens(const float *x, u32 tokens, u32 cols, i16 *xq, float *xd, float *xs, i32 u4, u32 t0, u32 t1) {
  u32 nb = cols / 32;
#ifdef RELAXED
  int grouped = tokens > 1 && !u4, grouped8 = tokens > 1 && u4; /* nibble weights: gemm-u4.h's layout */
#endif
  for (u32 t = t0; t < t1; t++)
    for (u32 b = 0; b < nb; b++) {
      const float *p = x + t * cols + b * 32;
      v128_t v[8], mx = wasm_f32x4_splat(0.0f);
      for (int k = 0; k < 8; k++) {
        v[k] = t < tokens ? wasm_v128_load(p + 4 * k) : wasm_f32x4_splat(0.0f);
        mx = wasm_f32x4_pmax(mx, wasm_f32x4_abs(v[k]));
      }
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
      i32 s = wasm_i32x4_extract_lane(sum, 0) + wasm_i32x4_extract_lane(sum, 1) + wasm_i32x4_extract_lane(sum, 2) +
              wasm_i32x4_extract_lane(sum, 3);
#ifdef RELAXED
      if (grouped) { /* token t's 4-value groups go to lane t % 4 of its group's 8 vectors (and 8 sign vectors) */
        u32 lane = t % 4, at = (t / 4) * nb + b;
        u8 *o = (u8 *)xq + at * GROUP_BLOCK + 4 * lane;
        for (int k = 0; k < 2; k++) {
          v128_t q8 = wasm_i8x16_narrow_i16x8(h[2 * k], h[2 * k + 1]), a = wasm_i8x16_abs(q8);
          u8 *ok = o + 64 * k;
          wasm_v128_store32_lane(ok, a, 0); wasm_v128_store32_lane(ok + 16, a, 1);
          wasm_v128_store32_lane(ok + 32, a, 2); wasm_v128_store32_lane(ok + 48, a, 3);
          v128_t sg = wasm_i8x16_lt(q8, wasm_i8x16_splat(0));
          wasm_v128_store32_lane(ok + 128, sg, 0); wasm_v128_store32_lane(ok + 144, sg, 1);
          wasm_v128_store32_lane(ok + 160, sg, 2); wasm_v128_store32_lane(ok + 176, sg, 3);
        }
        xd[at * 4 + lane] = dd;
        xs[at * 4 + lane] = dd * (float)s;
        continue;
      }
      if (grouped8) { /* groups of 8 tokens, a block's 8 tokens side by side (32 bytes each) */
        u32 at = (t / U4_GROUP) * nb * U4_GROUP + b * U4_GROUP + t % U4_GROUP;
        u8 *o8 = (u8 *)xq + at * 32;
        wasm_v128_store(o8, wasm_i8x16_narrow_i16x8(h[0], h[1]));
        wasm_v128_store(o8 + 16, wasm_i8x16_narrow_i16x8(h[2], h[3]));
        xd[at] = dd;
        if (u4 == 2) ((i32 *)xs)[at] = -8 * s; /* Q4_0: gemm-u4.h starts the block's integer dot with it */
        else xs[at] = dd * (float)s;
        continue;
      }
      u8 *o = (u8 *)(xq + t * cols) + b * 32;
      for (int k = 0; k < 2; k++) {
        v128_t q8 = wasm_i8x16_narrow_i16x8(h[2 * k], h[2 * k + 1]);
        if (u4) wasm_v128_store(o + 16 * k, q8);
        else {
          wasm_v128_store(o + 16 * k, wasm_i8x16_abs(q8));
          wasm_v128_store(o + cols + 16 * k, wasm_i8x16_lt(q8, wasm_i8x16_splat(0)));
        }
      }
      if (u4 == 2) { /* Q4_0: qtile.h's tile_grp adds it to the block's integer dot */
        xd[t * nb + b] = dd;
        ((i32 *)xs)[t * nb + b] = -8 * s;
        continue;
      }
#else
      (void)u4;
      i16 *o = xq + t * cols + b * 32;
      for (int k = 0; k < 4; k++) wasm_v128_store(o + 8 * k, h[k]);
#endif
      xd[t * nb + b] = dd;
      xs[t * nb + b] = dd * (float)s;
    }
}

EXPORT(quantize_act) void quantize_act(const float *x, u32 tokens, u32 cols, i16 *xq, float *xd, float *xs, i32 u4) {
  quantize_tokens(x, tokens, cols, xq, xd, xs, u4, 0, quantize_padded(tokens, u4));
}

/* Quantized weights, a few tokens: one 4-row group × T tokens (qtile.h), each its own small function: V8 compiles a
 * wasm function with its baseline compiler first and optimizes hot ones one at a time, and one function holding
 * every variant stayed unoptimized for many calls. */
typedef void GrpFn(const u8 *g, u32 nb, const u8 *xa, u32 cols, const float *xd, const float *xs, float *out, u32 rows,
                   u32 R);
#define GRP_DEF(KIND, T)                                                                                             \
  __attribute__((noinline)) static void grp_##KIND##_##T(const u8 *g, u32 nb, const u8 *xa, u32 cols,              \
      const float *xd, const float *xs, float *out, u32 rows, u32 R) {                                              \
    tile_grp(T, KIND, g, nb, xa, cols, xd, xs, out, rows, R);                                                        \
  }
#define GRP_KIND(KIND) GRP_DEF(KIND, 1) GRP_DEF(KIND, 2)
GRP_KIND(KIND_I8) GRP_KIND(KIND_U4) GRP_KIND(KIND_U4_OFF8) GRP_KIND(KIND_I8_MIN)
/* [kind][T − 1] (KIND_F32 has none) */
static GrpFn *const grp_tiles[5][2] = {{0, 0}, {grp_KIND_I8_1, grp_KIND_I8_2}, {grp_KIND_U4_1, grp_KIND_U4_2},
  {grp_KIND_U4_OFF8_1, grp_KIND_U4_OFF8_2}, {grp_KIND_I8_MIN_1, grp_KIND_I8_MIN_2}};

#ifdef RELAXED
/* The relaxed build's int8 batch tiles: the R (≤ 4) rows of a 4-row group × G groups of 4 tokens (gemm-relaxed.h).
 * Measured in Chromium (scripts/ab-kernels.ts --browser, 256 rows × 64 tokens): 4 × 1 (a weight's 4 values are one
 * load: sharing activations and their sign masks across 4 rows matters more). Nibble weights: gemm-u4.h. */
#define QG_G8 1
typedef void GroupFn(const u8 *grp, u32 cols, const u8 *xa, const float *xd, const float *xs, float *out, u32 rows,
                     u32 valid);
#define GROUP_DEF(NAME, MIN, R, G)                                                                               \
  __attribute__((noinline)) static void NAME##_##R##x##G(const u8 *grp, u32 cols, const u8 *xa, const float *xd,  \
      const float *xs, float *out, u32 rows, u32 valid) {                                                          \
    tile_g(R, G, MIN, grp, cols, xa, xd, xs, out, rows, valid);                                                  \
  }
#define GROUP_ROW(NAME, MIN, R) GROUP_DEF(NAME, MIN, R, 1) GROUP_DEF(NAME, MIN, R, 2)
#define GROUPS(NAME, MIN)                                                                                        \
  GROUP_ROW(NAME, MIN, 1) GROUP_ROW(NAME, MIN, 2) GROUP_ROW(NAME, MIN, 3) GROUP_ROW(NAME, MIN, 4)                    \
  static GroupFn *const NAME[8] = {NAME##_1x1, NAME##_1x2, NAME##_2x1, NAME##_2x2, NAME##_3x1, NAME##_3x2,          \
    NAME##_4x1, NAME##_4x2};
GROUPS(group_i8, 0)
GROUPS(group_i8m, 1)

/* Nibble weights, a batch: tiles of up to 8 tokens × 4 rows (gemm-u4.h), each its own function (see TILE_DEF). */
typedef void U4Fn(const U4Pack *p, u32 n, const u8 *x, const float *xd, const float *xs, float *out, u32 rows, int R,
                  int add);
#define U4_DEF(T, OFF8, NAME)                                                                                        \
  __attribute__((noinline)) static void NAME##_##T(const U4Pack *p, u32 n, const u8 *x, const float *xd,            \
      const float *xs, float *out, u32 rows, int R, int add) {                                                      \
    tile_u4b(T, OFF8, p, n, x, xd, xs, out, rows, R, add);                                                           \
  }
#define U4_SET(OFF8, NAME) U4_DEF(1, OFF8, NAME) U4_DEF(2, OFF8, NAME) U4_DEF(3, OFF8, NAME) U4_DEF(4, OFF8, NAME)   \
  U4_DEF(5, OFF8, NAME) U4_DEF(6, OFF8, NAME) U4_DEF(7, OFF8, NAME) U4_DEF(8, OFF8, NAME)                           \
  static U4Fn *const NAME[8] = {NAME##_1, NAME##_2, NAME##_3, NAME##_4, NAME##_5, NAME##_6, NAME##_7, NAME##_8};
U4_SET(0, u4_tiles)
U4_SET(1, u4_off8_tiles)

/* Rows [r0, r1) (r0 a multiple of 4) × every token of a batch, nibble weights: a 4-row group at a time, copied a
 * chunk of blocks at a time. KIND_U4_OFF8 (Q4_0): its 8 subtracted in the integer dot (quantize_act's xs then holds
 * −8·Σq as int32). */
static void matmul_u4_batch(const MatmulJob *j, u32 r0, u32 r1) {
  const u8 *x = (const u8 *)j->x;
  const float *xd = (const float *)j->xd, *xs = (const float *)j->xs;
  u32 rows = j->rows, tokens = j->tokens, nb = j->cols / 32, gb = GROUP_BLOCK_BYTES(j->kind);
  float *out = (float *)j->out;
  int off8 = j->kind == KIND_U4_OFF8;
  U4Fn *const *tiles = off8 ? u4_off8_tiles : u4_tiles;
  if (((u32)x & 255) || ((u32)xd & 31) || ((u32)xs & 31) || (r0 & 3)) __builtin_trap(); /* tile_u4b's addressing */
  U4Pack pack;
  for (u32 r = r0; r < r1; r += 4) {
    int R = r1 - r < 4 ? (int)(r1 - r) : 4;
    const u8 *g = (const u8 *)j->q + (r / 4) * nb * gb;
    for (u32 b0 = 0; b0 < nb; b0 += U4_CHUNK) {
      u32 n = nb - b0 < U4_CHUNK ? nb - b0 : U4_CHUNK;
      pack_u4(!off8, g, gb, b0, n, &pack);
      for (u32 t = 0; t < tokens;) {
        u32 T = tokens - t < U4_GROUP ? tokens - t : U4_GROUP;
        u32 at = (t / U4_GROUP) * nb * U4_GROUP + b0 * U4_GROUP; /* t: a group's first token */
        tiles[T - 1](&pack, n, x + at * 32, xd + at, xs + at, out + t * rows + r, rows, R, b0 > 0);
        t += T;
      }
    }
  }
}

/* Rows [r0, r1) (r0 a multiple of 4) × every token of a batch of int8 weights, in the grouped token layout. */
static void matmul_groups(const MatmulJob *j, u32 r0, u32 r1) {
  const u8 *x = (const u8 *)j->x;
  const float *xd = (const float *)j->xd, *xs = (const float *)j->xs;
  u32 rows = j->rows, cols = j->cols, tokens = j->tokens, nb = cols / 32, groups = (tokens + 3) / 4;
  u32 gs = nb * GROUP_BLOCK, wg = nb * GROUP_BLOCK_BYTES(j->kind); /* bytes per group: of tokens, of weight rows */
  GroupFn *const *fns = j->kind == KIND_I8_MIN ? group_i8m : group_i8;
  if (r0 & 3) __builtin_trap();
  for (u32 r = r0; r < r1; r += 4) {
    u32 R = r1 - r < 4 ? r1 - r : 4;
    for (u32 g = 0; g < groups;) {
      u32 G = groups - g < QG_G8 ? groups - g : QG_G8;
      fns[(R - 1) * 2 + G - 1]((const u8 *)j->q + (r / 4) * wg, cols, x + g * gs, xd + g * nb * 4, xs + g * nb * 4,
                               (float *)j->out + g * 4 * rows + r, rows, tokens - g * 4);
      g += G;
    }
  }
}
#endif

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

/* Rows [r0, r1) (r0 a multiple of 4) × every token of quantized weights, a few tokens at a time (the relaxed
 * build's batches take matmul_groups or matmul_u4_batch). */
static void matmul_grp_rows(const MatmulJob *j, u32 r0, u32 r1) {
  u32 rows = j->rows, cols = j->cols, tokens = j->tokens, nb = cols / 32, gs = nb * GROUP_BLOCK_BYTES(j->kind);
  GrpFn *const *tiles = grp_tiles[j->kind];
  if (r0 & 3) __builtin_trap();
  for (u32 r = r0; r < r1; r += 4) {
    u32 R = r1 - r < 4 ? r1 - r : 4;
    for (u32 t = 0; t < tokens;) {
      u32 T = tokens - t < 2 ? tokens - t : 2;
      tiles[T - 1]((const u8 *)j->q + (r / 4) * gs, nb, (const u8 *)j->x + t * cols * 2, cols, (const float *)j->xd + t * nb,
                   (const float *)j->xs + t * nb, (float *)j->out + t * rows + r, rows, R);
      t += T;
    }
  }
}

/* Rows [r0, r1) of a matmul job, every token. */
void matmul_rows(const MatmulJob *j, u32 r0, u32 r1) {
  if (j->kind == KIND_F32) {
    u32 rows = j->rows, cols = j->cols, tokens = j->tokens;
    for (u32 r = r0; r < r1;) {
      int R = r1 - r < 2 ? 1 : 2;
      for (u32 t = 0; t < tokens;) {
        int T = (int)(tokens - t < 4 ? tokens - t : 4);
        tile_f32(R, T, (const float *)j->q + r * cols, cols, (const float *)j->x + t * cols, (float *)j->out + t * rows + r, rows);
        t += (u32)T;
      }
      r += (u32)R;
    }
    return;
  }
#ifdef RELAXED
  if (j->tokens > 1 && U4_IS(j->kind)) return matmul_u4_batch(j, r0, r1);
  if (j->tokens > 1) return matmul_groups(j, r0, r1);
#endif
  matmul_grp_rows(j, r0, r1);
}
