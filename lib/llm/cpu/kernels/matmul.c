/* Matrix × activations. Quantized weights meet activations quantized to int8 per 32 (stored widened to int16 so the
 * inner loop only widens the weights, once per block, then reuses them for up to 4 tokens: register tiling).
 * Each 32-block: i32x4.dot_i16x8_s ×4 → one f32 fma with the product of the two scales (+ the min term). */
#include "common.h"

/* Activations: xq = tokens×cols int16 (values in −127…127), xd = tokens×nb scales (fp16-rounded, as llama.cpp's
 * q8 blocks), xs = tokens×nb (scale·Σq). The relaxed build stores, in the same tokens×cols×2 bytes, per token:
 * |q| as int8 (cols bytes), then a sign mask (cols bytes, 0xff where q < 0): see qblock. */
EXPORT(quantize_act) void quantize_act(const float *x, u32 tokens, u32 cols, i16 *xq, float *xd, float *xs) {
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
        wasm_v128_store(o + 16 * k, wasm_i8x16_abs(q8));
        wasm_v128_store(o + cols + 16 * k, wasm_i8x16_lt(q8, wasm_i8x16_splat(0)));
      }
#else
      i16 *o = xq + t * cols + b * 32;
      for (int k = 0; k < 4; k++) wasm_v128_store(o + 8 * k, h[k]);
#endif
      i32 s = wasm_i32x4_extract_lane(sum, 0) + wasm_i32x4_extract_lane(sum, 1) + wasm_i32x4_extract_lane(sum, 2) +
              wasm_i32x4_extract_lane(sum, 3);
      xd[t * nb + b] = dd;
      xs[t * nb + b] = dd * (float)s;
    }
}

/* Four i16x8 weight vectors of 32-block b, widened straight from memory (v128.load8x8 is one instruction).
 * u4: bytes j hold q[j] and q[j+16], so load8x8_u of bytes 0-7 gives q[0..7] (and) and q[16..23] (shift). */
INLINE void widen(int u4, const u8 *q, u32 b, v128_t *w) {
  if (u4) {
    v128_t v = wasm_u16x8_load8x8(q + b * 16), v2 = wasm_u16x8_load8x8(q + b * 16 + 8), f = wasm_i16x8_splat(15);
    w[0] = wasm_v128_and(v, f); w[1] = wasm_v128_and(v2, f);
    w[2] = wasm_u16x8_shr(v, 4); w[3] = wasm_u16x8_shr(v2, 4);
  } else {
    w[0] = wasm_i16x8_load8x8(q + b * 32); w[1] = wasm_i16x8_load8x8(q + b * 32 + 8);
    w[2] = wasm_i16x8_load8x8(q + b * 32 + 16); w[3] = wasm_i16x8_load8x8(q + b * 32 + 24);
  }
}

INLINE v128_t dot32(const v128_t *w, v128_t a0, v128_t a1, v128_t a2, v128_t a3) {
  return wasm_i32x4_add(wasm_i32x4_add(wasm_i32x4_dot_i16x8(w[0], a0), wasm_i32x4_dot_i16x8(w[1], a1)),
                        wasm_i32x4_add(wasm_i32x4_dot_i16x8(w[2], a2), wasm_i32x4_dot_i16x8(w[3], a3)));
}

#ifdef RELAXED
typedef signed char i8x16 __attribute__((vector_size(16)));
typedef int i32x4 __attribute__((vector_size(16)));
/* acc + Σ a·b over 16 lanes into 4: exact (the same on every engine) because every lane of b is in 0…127. */
INLINE v128_t rdot(v128_t a, v128_t b, v128_t acc) {
  return (v128_t)__builtin_wasm_relaxed_dot_i8x16_i7x16_add_s_i32x4((i8x16)a, (i8x16)b, (i32x4)acc);
}
/* Relaxed build: 16 multiply-adds per instruction. u4: the nibbles (0…15) are the 7-bit operand, the signed
 * activation (rebuilt from |q| and its sign mask once per block and token) the other. int8: |q| is the 7-bit operand
 * and the weight takes the activation's sign ((w ^ s) − s; a weight of −128 would wrap, which ggml's quantizers never
 * produce). */
INLINE v128_t dot_r(int u4, const u8 *qr, u32 b, const u8 *a, u32 cols) {
  v128_t s0 = wasm_v128_load(a + cols), s1 = wasm_v128_load(a + cols + 16);
  v128_t a0 = wasm_v128_load(a), a1 = wasm_v128_load(a + 16);
  if (u4) {
    v128_t v = wasm_v128_load(qr + b * 16), f = wasm_i8x16_splat(15);
    v128_t x0 = wasm_i8x16_sub(wasm_v128_xor(a0, s0), s0), x1 = wasm_i8x16_sub(wasm_v128_xor(a1, s1), s1);
    return rdot(x1, wasm_u8x16_shr(v, 4), rdot(x0, wasm_v128_and(v, f), wasm_i32x4_splat(0)));
  }
  v128_t w0 = wasm_v128_load(qr + b * 32), w1 = wasm_v128_load(qr + b * 32 + 16);
  return rdot(wasm_i8x16_sub(wasm_v128_xor(w1, s1), s1), a1,
              rdot(wasm_i8x16_sub(wasm_v128_xor(w0, s0), s0), a0, wasm_i32x4_splat(0)));
}

INLINE void qblock(int R, int T, int u4, const u8 *q, u32 rb, u32 b, u32 cols, const i16 *xq, v128_t sp[4][4],
                   v128_t acc[4][4]) {
  for (int r = 0; r < R; r++)
    for (int t = 0; t < T; t++) {
      const u8 *a = (const u8 *)(xq + t * cols) + b * 32;
      v128_t p = dot_r(u4, q + r * rb, b, a, cols);
      acc[r][t] = wasm_f32x4_add(acc[r][t], wasm_f32x4_mul(wasm_f32x4_convert_i32x4(p), sp[r][t]));
    }
}
#else
/* One 32-block for R rows × T tokens; sp = the splatted scale products. One token: the activation block is loaded
 * once and each row's weights go straight into the dots. Several: a row's widened block serves all T tokens. */
INLINE void qblock(int R, int T, int u4, const u8 *q, u32 rb, u32 b, u32 cols, const i16 *xq, v128_t sp[4][4],
                   v128_t acc[4][4]) {
  if (T == 1) {
    const i16 *a = xq + b * 32;
    v128_t a0 = wasm_v128_load(a), a1 = wasm_v128_load(a + 8), a2 = wasm_v128_load(a + 16), a3 = wasm_v128_load(a + 24);
    for (int r = 0; r < R; r++) {
      v128_t w[4];
      widen(u4, q + r * rb, b, w);
      acc[r][0] = wasm_f32x4_add(acc[r][0], wasm_f32x4_mul(wasm_f32x4_convert_i32x4(dot32(w, a0, a1, a2, a3)), sp[r][0]));
    }
  } else {
    for (int r = 0; r < R; r++) {
      v128_t w[4];
      widen(u4, q + r * rb, b, w);
      for (int t = 0; t < T; t++) {
        const i16 *a = xq + t * cols + b * 32;
        v128_t p = dot32(w, wasm_v128_load(a), wasm_v128_load(a + 8), wasm_v128_load(a + 16), wasm_v128_load(a + 24));
        acc[r][t] = wasm_f32x4_add(acc[r][t], wasm_f32x4_mul(wasm_f32x4_convert_i32x4(p), sp[r][t]));
      }
    }
  }
}

#endif

/* R rows × T tokens of a quantized matrix. u4: nibbles (always with min); else int8 (min when m != 0). */
INLINE void tile_q(int R, int T, int u4, int hasMin, const u8 *q, const float *d, const float *m, u32 cols,
                   const i16 *xq, const float *xd, const float *xs, float *out, u32 rows) {
  u32 nb = cols / 32, rb = u4 ? cols / 2 : cols;
  v128_t acc[4][4];
  float macc[4][4];
  for (int r = 0; r < R; r++)
    for (int t = 0; t < T; t++) { acc[r][t] = wasm_f32x4_splat(0.0f); macc[r][t] = 0.0f; }
  /* Blocks in fours: one vector multiply gives the 4 blocks' scale products, a lane shuffle splats each (cheaper
   * than a scalar multiply and splat per block). */
  u32 b = 0;
  for (; b + 4 <= nb; b += 4) {
    v128_t sp[4][4];
#define GROUP_LANE(K)                                                                                                \
    for (int r = 0; r < R; r++)                                                                                      \
      for (int t = 0; t < T; t++) {                                                                                  \
        v128_t s4 = wasm_f32x4_mul(wasm_v128_load(d + r * nb + b), wasm_v128_load(xd + t * nb + b));                 \
        sp[r][t] = wasm_i32x4_shuffle(s4, s4, K, K, K, K);                                                           \
      }                                                                                                              \
    qblock(R, T, u4, q, rb, b + K, cols, xq, sp, acc);
    GROUP_LANE(0) GROUP_LANE(1) GROUP_LANE(2) GROUP_LANE(3)
#undef GROUP_LANE
  }
  for (; b < nb; b++) {
    v128_t sp[4][4];
    for (int r = 0; r < R; r++)
      for (int t = 0; t < T; t++) sp[r][t] = wasm_f32x4_splat(d[r * nb + b] * xd[t * nb + b]);
    qblock(R, T, u4, q, rb, b, cols, xq, sp, acc);
  }
  /* The min term Σ_b m[r,b]·(scale·Σq)[t,b], apart from the hot loop. */
  if (u4 || hasMin)
    for (int r = 0; r < R; r++)
      for (int t = 0; t < T; t++) {
        v128_t s = wasm_f32x4_splat(0.0f);
        u32 b = 0;
        for (; b + 4 <= nb; b += 4) s = wasm_f32x4_add(s, wasm_f32x4_mul(wasm_v128_load(m + r * nb + b), wasm_v128_load(xs + t * nb + b)));
        macc[r][t] = hsum_f32x4(s);
        for (; b < nb; b++) macc[r][t] += m[r * nb + b] * xs[t * nb + b];
      }
  for (int r = 0; r < R; r++)
    for (int t = 0; t < T; t++) out[t * rows + r] = hsum_f32x4(acc[r][t]) + macc[r][t];
}

#define TILE_FN(NAME, U4, MIN)                                                                                       \
  static void NAME(int R, int T, const u8 *q, const float *d, const float *m, u32 cols, const i16 *xq,             \
                   const float *xd, const float *xs, float *out, u32 rows) {                                        \
    if (R == 4) tile_q(4, 1, U4, MIN, q, d, m, cols, xq, xd, xs, out, rows);                                         \
    else if (R == 2) {                                                                                               \
      if (T == 1) tile_q(2, 1, U4, MIN, q, d, m, cols, xq, xd, xs, out, rows);                                       \
      else if (T == 2) tile_q(2, 2, U4, MIN, q, d, m, cols, xq, xd, xs, out, rows);                                  \
      else tile_q(2, 3, U4, MIN, q, d, m, cols, xq, xd, xs, out, rows);                                              \
    } else {                                                                                                         \
      if (T == 1) tile_q(1, 1, U4, MIN, q, d, m, cols, xq, xd, xs, out, rows);                                       \
      else if (T == 2) tile_q(1, 2, U4, MIN, q, d, m, cols, xq, xd, xs, out, rows);                                  \
      else if (T == 3) tile_q(1, 3, U4, MIN, q, d, m, cols, xq, xd, xs, out, rows);                                  \
      else tile_q(1, 4, U4, MIN, q, d, m, cols, xq, xd, xs, out, rows);                                              \
    }                                                                                                                \
  }
TILE_FN(tile_i8, 0, 0)
TILE_FN(tile_i8m, 0, 1)
TILE_FN(tile_u4, 1, 1)

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

/* Rows [r0, r1) of a matmul job: a = {kind, q, d, m, rows, cols, x|xq, xd, xs, tokens, out}. */
void matmul_rows(const i32 *a, u32 r0, u32 r1) {
  i32 kind = a[0];
  const u8 *q = (const u8 *)a[1];
  const float *d = (const float *)a[2], *m = (const float *)a[3];
  u32 rows = (u32)a[4], cols = (u32)a[5], tokens = (u32)a[9], nb = cols / 32;
  float *out = (float *)a[10];
  const float *xd = (const float *)a[7], *xs = (const float *)a[8];
  u32 rb = kind == KIND_F32 ? cols * 4 : kind == KIND_U4 ? cols / 2 : cols;
  /* One token: 4 rows per activation load. More: QTILE_R rows × QTILE_T tokens. */
/* Several tokens: SIMD128 2 rows × 2 tokens (measured faster than 1 × 4 or 2 × 3: fewer spills); relaxed 1 × 4
 * (measured in Chromium, 500-token prompt: ~15% faster prompt reading than 2 × 2 or 2 × 3). */
#ifndef QTILE_R
#ifdef RELAXED
#define QTILE_R 1
#define QTILE_T 4
#else
#define QTILE_R 2
#define QTILE_T 2
#endif
#endif
  int maxR = kind == KIND_F32 ? 2 : QTILE_R, maxT = kind == KIND_F32 ? 4 : (tokens < 4 ? 3 : QTILE_T);
  for (u32 r = r0; r < r1;) {
    int R = (tokens == 1 && kind != KIND_F32 && r1 - r >= 4) ? 4 : (r1 - r >= 2 && maxR == 2) ? 2 : 1;
    if (tokens > 1 && R == 2 && maxT > 3) R = 1; /* no 2 × 4 quantized tile */
    for (u32 t = 0; t < tokens;) {
      int T = tokens - t >= (u32)maxT ? maxT : (int)(tokens - t);
      float *o = out + t * rows + r;
      if (kind == KIND_F32) tile_f32(R, T, (const float *)(q + r * rb), cols, (const float *)a[6] + t * cols, o, rows);
      else {
        const i16 *xq = (const i16 *)a[6] + t * cols;
        const float *dr = d + r * nb, *mr = m ? m + r * nb : 0, *xdt = xd + t * nb, *xst = xs + t * nb;
        if (kind == KIND_U4) tile_u4(R, T, q + r * rb, dr, mr, cols, xq, xdt, xst, o, rows);
        else if (m) tile_i8m(R, T, q + r * rb, dr, mr, cols, xq, xdt, xst, o, rows);
        else tile_i8(R, T, q + r * rb, dr, mr, cols, xq, xdt, xst, o, rows);
      }
      t += T;
    }
    r += R;
  }
}
