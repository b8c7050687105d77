/* The f32 ops of a forward pass, and the job runner helper threads enter. */
#include "common.h"

void matmul_rows(const MatmulJob *j, u32 r0, u32 r1);
u32 quantize_padded(u32 tokens, i32 u4);
void quantize_tokens(const float *x, u32 tokens, u32 cols, i16 *xq, float *xd, float *xs, i32 u4, u32 t0, u32 t1);
void repack_rows(i32 type, const u8 *src, u32 row0, u32 rows, u32 cols, u8 *q);
u32 gguf_row_bytes(i32 type, u32 cols);

/* e^x for 4 lanes: x = n·ln2 + r, |r| ≤ ln2/2, degree-6 Taylor for e^r (rel. error ~1e-7), 2^n from the exponent bits. */
INLINE v128_t exp4(v128_t x) {
  x = wasm_f32x4_pmax(wasm_f32x4_pmin(x, wasm_f32x4_splat(88.3f)), wasm_f32x4_splat(-87.3f));
  v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(x, wasm_f32x4_splat(1.44269504f)));
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(-2.12194440e-4f)));
  v128_t p = wasm_f32x4_splat(1.0f / 720);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 120));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 24));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 6));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(0.5f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f));
  v128_t e = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(p, e);
}
INLINE float exp1(float x) { return wasm_f32x4_extract_lane(exp4(wasm_f32x4_splat(x)), 0); }

EXPORT(rms_norm) void rms_norm(const float *x, const float *w, float *out, u32 tokens, u32 n, float eps) {
  u32 n4 = n & ~3u;
  for (u32 t = 0; t < tokens; t++) {
    const float *xr = x + t * n;
    float *o = out + t * n;
    v128_t s = wasm_f32x4_splat(0.0f);
    for (u32 i = 0; i < n4; i += 4) { v128_t v = wasm_v128_load(xr + i); s = wasm_f32x4_add(s, wasm_f32x4_mul(v, v)); }
    float ss = hsum_f32x4(s);
    for (u32 i = n4; i < n; i++) ss += xr[i] * xr[i];
    float k = 1.0f / __builtin_sqrtf(ss / (float)n + eps);
    v128_t kv = wasm_f32x4_splat(k);
    for (u32 i = 0; i < n4; i += 4)
      wasm_v128_store(o + i, wasm_f32x4_mul(wasm_f32x4_mul(wasm_v128_load(xr + i), kv), wasm_v128_load(w + i)));
    for (u32 i = n4; i < n; i++) o[i] = xr[i] * k * w[i];
  }
}

EXPORT(add_bias) void add_bias(float *x, const float *bias, u32 tokens, u32 n) {
  for (u32 t = 0; t < tokens; t++)
    for (u32 i = 0; i < n; i++) x[t * n + i] += bias[i];
}

EXPORT(add) void add(const float *a, const float *b, float *out, u32 n) {
  u32 n4 = n & ~3u;
  for (u32 i = 0; i < n4; i += 4) wasm_v128_store(out + i, wasm_f32x4_add(wasm_v128_load(a + i), wasm_v128_load(b + i)));
  for (u32 i = n4; i < n; i++) out[i] = a[i] + b[i];
}

EXPORT(silu_mul) void silu_mul(const float *g, const float *u, float *out, u32 n) {
  u32 n4 = n & ~3u;
  v128_t one = wasm_f32x4_splat(1.0f);
  for (u32 i = 0; i < n4; i += 4) {
    v128_t x = wasm_v128_load(g + i);
    v128_t s = wasm_f32x4_div(x, wasm_f32x4_add(one, exp4(wasm_f32x4_neg(x))));
    wasm_v128_store(out + i, wasm_f32x4_mul(s, wasm_v128_load(u + i)));
  }
  for (u32 i = n4; i < n; i++) out[i] = g[i] / (1.0f + exp1(-g[i])) * u[i];
}

/* Rotate the first `dims` values of every head: y[j] = x[j]·C[j] + x[partner(j)]·S[j], where the per-token tables
 * C, S (tokens×dims each, S carrying the sign) come from JS; partner is j^1 (norm) or j±dims/2 (neox). */
EXPORT(rope_apply) void rope_apply(float *x, u32 tokens, u32 heads, u32 hd, u32 dims, const float *C, const float *S, i32 neox) {
  u32 half = dims / 2;
  int vec = neox ? (half % 4 == 0) : (dims % 4 == 0);
  for (u32 t = 0; t < tokens; t++)
    for (u32 h = 0; h < heads; h++) {
      float *v = x + (t * heads + h) * hd;
      const float *c = C + t * dims, *s = S + t * dims;
      if (vec && neox) {
        for (u32 j = 0; j < half; j += 4) {
          v128_t a = wasm_v128_load(v + j), b = wasm_v128_load(v + half + j);
          wasm_v128_store(v + j, wasm_f32x4_add(wasm_f32x4_mul(a, wasm_v128_load(c + j)), wasm_f32x4_mul(b, wasm_v128_load(s + j))));
          wasm_v128_store(v + half + j, wasm_f32x4_add(wasm_f32x4_mul(b, wasm_v128_load(c + half + j)),
                                                       wasm_f32x4_mul(a, wasm_v128_load(s + half + j))));
        }
      } else if (vec) {
        for (u32 j = 0; j < dims; j += 4) {
          v128_t a = wasm_v128_load(v + j), sw = wasm_i32x4_shuffle(a, a, 1, 0, 3, 2);
          wasm_v128_store(v + j, wasm_f32x4_add(wasm_f32x4_mul(a, wasm_v128_load(c + j)), wasm_f32x4_mul(sw, wasm_v128_load(s + j))));
        }
      } else {
        for (u32 j = 0; j < (neox ? half : dims); j += (neox ? 1 : 2)) {
          u32 k = neox ? j + half : j + 1;
          float a = v[j], b = v[k];
          v[j] = a * c[j] + b * s[j];
          v[k] = b * c[k] + a * s[k];
        }
      }
    }
}

/* The KV cache in fp16 (llama.cpp's default: half the memory of f32). f32 → fp16 rounds to nearest, ties to even;
 * beyond fp16's range becomes infinity (keys and values stay far below 65504). */
static u16 f32_to_f16_bits(float f) {
  u32 b = __builtin_bit_cast(u32, f), sign = (b >> 16) & 0x8000u, a = b & 0x7fffffffu;
  if (a >= 0x47800000u) return (u16)(sign | (a > 0x7f800000u ? 0x7e00u : 0x7c00u));
  if (a < 0x38800000u) { /* fp16 subnormal or zero: adding 0.5 leaves the rounded value in the low mantissa bits */
    float t = __builtin_bit_cast(float, a) + 0.5f;
    return (u16)(sign | (__builtin_bit_cast(u32, t) - 0x3f000000u));
  }
  a += ((u32)(15 - 127) << 23) + 0xfffu + ((a >> 13) & 1u);
  return (u16)(sign | (a >> 13));
}

EXPORT(f32_to_f16) void f32_to_f16(const float *x, u16 *out, u32 n) {
  for (u32 i = 0; i < n; i++) out[i] = f32_to_f16_bits(x[i]);
}

/* Four fp16 values as f32: the bits shifted into place and scaled by 2^112 (exact for normals and subnormals). */
INLINE v128_t load_f16x4(const u16 *p) {
  v128_t h = wasm_u32x4_load16x4(p);
  v128_t f = wasm_f32x4_mul(wasm_i32x4_shl(wasm_v128_and(h, wasm_i32x4_splat(0x7fff)), 13), wasm_f32x4_splat(0x1p112f));
  return wasm_v128_or(f, wasm_i32x4_shl(wasm_v128_and(h, wasm_i32x4_splat(0x8000)), 16));
}

/* Four cache values from element `i` of a cache row: f32, or fp16 (`f16` is a constant where this is inlined). */
INLINE v128_t load_kv(const void *row, u32 i, int f16) {
  return f16 ? load_f16x4((const u16 *)row + i) : wasm_v128_load((const float *)row + i);
}
INLINE const void *kv_row(const void *cache, u32 element, int f16) {
  return (const u8 *)cache + element * (f16 ? 2u : 4u);
}

/* s[p] = e^(s[p] − mx) for p < n, in place; returns their sum (softmax's weights before 1/Σ). */
INLINE float exp_sum(float *s, u32 n, float mx) {
  u32 p = 0;
  v128_t vs = wasm_f32x4_splat(0.0f), vm = wasm_f32x4_splat(mx);
  for (; p + 4 <= n; p += 4) {
    v128_t e = exp4(wasm_f32x4_sub(wasm_v128_load(s + p), vm));
    wasm_v128_store(s + p, e);
    vs = wasm_f32x4_add(vs, e);
  }
  float sum = hsum_f32x4(vs);
  for (; p < n; p++) { s[p] = exp1(s[p] - mx); sum += s[p]; }
  return sum;
}

/* The four lane sums of s0…s3, as one vector: one transpose-add, not four horizontal sums. */
INLINE v128_t sum4(v128_t s0, v128_t s1, v128_t s2, v128_t s3) {
  v128_t x = wasm_f32x4_add(wasm_i32x4_shuffle(s0, s1, 0, 4, 1, 5), wasm_i32x4_shuffle(s0, s1, 2, 6, 3, 7));
  v128_t y = wasm_f32x4_add(wasm_i32x4_shuffle(s2, s3, 0, 4, 1, 5), wasm_i32x4_shuffle(s2, s3, 2, 6, 3, 7));
  return wasm_f32x4_add(wasm_i32x4_shuffle(x, y, 0, 1, 4, 5), wasm_i32x4_shuffle(x, y, 2, 3, 6, 7));
}

/* One head of causal attention for every token; the caches hold f32 (OP_ATTENTION) or fp16 (OP_ATTENTION_F16). */
INLINE void attention_head(const AttentionJob *a, u32 h, i32 tid, int f16) {
  const float *Q = (const float *)a->q;
  const void *K = (const void *)a->k, *V = (const void *)a->v;
  float *O = (float *)a->out;
  u32 tokens = a->tokens, start = a->start, nHead = a->nHead, nKv = a->nKv, hd = a->headDim;
  float *sc = (float *)(a->scratch + (u32)tid * a->stride);
  u32 kvh = h / (nHead / nKv), kvs = nKv * hd;
  float scale = 1.0f / __builtin_sqrtf((float)hd);
  for (u32 t = 0; t < tokens; t++) {
    const float *q = Q + (t * nHead + h) * hd;
    float *o = O + (t * nHead + h) * hd;
    u32 n = start + t + 1;
    float mx = -3.4e38f;
    u32 p0 = 0;
    /* Four positions at a time: one transpose-add gives their four scores in one vector (not four horizontal sums). */
    v128_t vmx = wasm_f32x4_splat(-3.4e38f), vsc = wasm_f32x4_splat(scale);
    for (; p0 + 4 <= n; p0 += 4) {
      const void *k = kv_row(K, p0 * kvs + kvh * hd, f16);
      v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0, s2 = s0, s3 = s0;
      for (u32 i = 0; i < hd; i += 4) {
        v128_t qv = wasm_v128_load(q + i);
        s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(qv, load_kv(k, i, f16)));
        s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(qv, load_kv(k, kvs + i, f16)));
        s2 = wasm_f32x4_add(s2, wasm_f32x4_mul(qv, load_kv(k, 2 * kvs + i, f16)));
        s3 = wasm_f32x4_add(s3, wasm_f32x4_mul(qv, load_kv(k, 3 * kvs + i, f16)));
      }
      v128_t v = wasm_f32x4_mul(sum4(s0, s1, s2, s3), vsc);
      wasm_v128_store(sc + p0, v);
      vmx = wasm_f32x4_pmax(vmx, v);
    }
    for (int l = 0; l < 4; l++) { float m = wasm_f32x4_extract_lane(vmx, 0); mx = m > mx ? m : mx; vmx = wasm_i32x4_shuffle(vmx, vmx, 1, 2, 3, 0); }
    for (u32 p = p0; p < n; p++) {
      const void *k = kv_row(K, p * kvs + kvh * hd, f16);
      v128_t s = wasm_f32x4_splat(0.0f);
      for (u32 i = 0; i < hd; i += 4) s = wasm_f32x4_add(s, wasm_f32x4_mul(wasm_v128_load(q + i), load_kv(k, i, f16)));
      float v = hsum_f32x4(s) * scale;
      sc[p] = v;
      mx = v > mx ? v : mx;
    }
    float inv = 1.0f / exp_sum(sc, n, mx);
    u32 p;
    /* 32 output dims at a time in 8 registers (not a load and store of the output per position). */
    u32 i0 = 0;
    for (; i0 + 32 <= hd; i0 += 32) {
      v128_t o0 = wasm_f32x4_splat(0.0f), o1 = o0, o2 = o0, o3 = o0, o4 = o0, o5 = o0, o6 = o0, o7 = o0;
      for (p = 0; p < n; p++) {
        const void *v = kv_row(V, p * kvs + kvh * hd + i0, f16);
        v128_t w = wasm_f32x4_splat(sc[p]);
        o0 = wasm_f32x4_add(o0, wasm_f32x4_mul(w, load_kv(v, 0, f16)));
        o1 = wasm_f32x4_add(o1, wasm_f32x4_mul(w, load_kv(v, 4, f16)));
        o2 = wasm_f32x4_add(o2, wasm_f32x4_mul(w, load_kv(v, 8, f16)));
        o3 = wasm_f32x4_add(o3, wasm_f32x4_mul(w, load_kv(v, 12, f16)));
        o4 = wasm_f32x4_add(o4, wasm_f32x4_mul(w, load_kv(v, 16, f16)));
        o5 = wasm_f32x4_add(o5, wasm_f32x4_mul(w, load_kv(v, 20, f16)));
        o6 = wasm_f32x4_add(o6, wasm_f32x4_mul(w, load_kv(v, 24, f16)));
        o7 = wasm_f32x4_add(o7, wasm_f32x4_mul(w, load_kv(v, 28, f16)));
      }
      v128_t vi = wasm_f32x4_splat(inv);
      wasm_v128_store(o + i0, wasm_f32x4_mul(o0, vi)); wasm_v128_store(o + i0 + 4, wasm_f32x4_mul(o1, vi));
      wasm_v128_store(o + i0 + 8, wasm_f32x4_mul(o2, vi)); wasm_v128_store(o + i0 + 12, wasm_f32x4_mul(o3, vi));
      wasm_v128_store(o + i0 + 16, wasm_f32x4_mul(o4, vi)); wasm_v128_store(o + i0 + 20, wasm_f32x4_mul(o5, vi));
      wasm_v128_store(o + i0 + 24, wasm_f32x4_mul(o6, vi)); wasm_v128_store(o + i0 + 28, wasm_f32x4_mul(o7, vi));
    }
    for (u32 i = i0; i < hd; i += 4) wasm_v128_store(o + i, wasm_f32x4_splat(0.0f));
    for (p = 0; p < n && i0 < hd; p++) {
      const void *v = kv_row(V, p * kvs + kvh * hd, f16);
      v128_t w = wasm_f32x4_splat(sc[p] * inv);
      for (u32 i = i0; i < hd; i += 4)
        wasm_v128_store(o + i, wasm_f32x4_add(wasm_v128_load(o + i), wasm_f32x4_mul(w, load_kv(v, i, f16))));
    }
  }
}

/* Scores of four positions at once against one query (sum4). `K` rows are `ks` floats apart. */
INLINE v128_t dot4(const float *q, const float *K, u32 ks, u32 hd) {
  v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0, s2 = s0, s3 = s0;
  for (u32 i = 0; i < hd; i += 4) {
    v128_t qv = wasm_v128_load(q + i);
    s0 = madd_f32x4(qv, wasm_v128_load(K + i), s0);
    s1 = madd_f32x4(qv, wasm_v128_load(K + ks + i), s1);
    s2 = madd_f32x4(qv, wasm_v128_load(K + 2 * ks + i), s2);
    s3 = madd_f32x4(qv, wasm_v128_load(K + 3 * ks + i), s3);
  }
  return sum4(s0, s1, s2, s3);
}

/* dot4 for two queries at once (two heads of a KV group): each key row loaded serves both (loads were the limit). */
INLINE void dot4x2(const float *qa, const float *qb, const float *K, u32 ks, u32 hd, v128_t *ra, v128_t *rb) {
  v128_t a0 = wasm_f32x4_splat(0.0f), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
  for (u32 i = 0; i < hd; i += 4) {
    v128_t qx = wasm_v128_load(qa + i), qy = wasm_v128_load(qb + i);
    v128_t k0 = wasm_v128_load(K + i), k1 = wasm_v128_load(K + ks + i);
    a0 = madd_f32x4(qx, k0, a0); b0 = madd_f32x4(qy, k0, b0);
    a1 = madd_f32x4(qx, k1, a1); b1 = madd_f32x4(qy, k1, b1);
    v128_t k2 = wasm_v128_load(K + 2 * ks + i), k3 = wasm_v128_load(K + 3 * ks + i);
    a2 = madd_f32x4(qx, k2, a2); b2 = madd_f32x4(qy, k2, b2);
    a3 = madd_f32x4(qx, k3, a3); b3 = madd_f32x4(qy, k3, b3);
  }
  *ra = sum4(a0, a1, a2, a3);
  *rb = sum4(b0, b1, b2, b3);
}

/* Rows p0…p0+pn of one KV head as f32 rows `hd` apart: the cache itself (f32), or converted into `buf` (fp16). */
INLINE const float *kv_block(const void *cache, u32 p0, u32 pn, u32 kvs, u32 off, u32 hd, float *buf, int f16) {
  if (!f16) return (const float *)cache + p0 * kvs + off;
  for (u32 p = 0; p < pn; p++) {
    const u16 *src = (const u16 *)cache + (p0 + p) * kvs + off;
    for (u32 i = 0; i < hd; i += 4) wasm_v128_store(buf + p * hd + i, load_f16x4(src + i));
  }
  return buf;
}

#define KV_BLOCK 64
/* Causal attention for one token and one KV head's whole group of query heads (chunk c = token·nKv + KV head). Keys
 * and values are read a block of positions at a time and used by every query head of the group while the block is
 * in L1 (an fp16 cache is converted once per block, not once per query head). Scratch: two blocks of f32 rows, a
 * score row per query head, then each head's 1/Σ (attention_group_stride in wasm-kernels.ts). */
INLINE void attention_group(const AttentionJob *a, u32 c, i32 tid, int f16) {
  const float *Q = (const float *)a->q;
  float *O = (float *)a->out;
  u32 nHead = a->nHead, nKv = a->nKv, hd = a->headDim, G = nHead / nKv;
  u32 kvh = c % nKv, t = c / nKv, kvs = nKv * hd, off = kvh * hd, n = a->start + t + 1, nPad = (n + 3) & ~3u;
  float *kb = (float *)(a->scratch + (u32)tid * a->stride), *vb = kb + KV_BLOCK * hd, *sc = vb + KV_BLOCK * hd, *invs = sc + G * nPad;
  const float *q0 = Q + (t * nHead + kvh * G) * hd;
  float *o0 = O + (t * nHead + kvh * G) * hd;
  v128_t vsc = wasm_f32x4_splat(1.0f / __builtin_sqrtf((float)hd));
  for (u32 p0 = 0; p0 < n; p0 += KV_BLOCK) {
    u32 pn = n - p0 < KV_BLOCK ? n - p0 : KV_BLOCK, ks = f16 ? hd : kvs;
    const float *K = kv_block((const void *)a->k, p0, pn, kvs, off, hd, kb, f16);
    u32 g = 0;
    for (; g + 2 <= G; g += 2) { /* two heads a pass (dot4x2); the positions short of 4 below, per head */
      const float *qa = q0 + g * hd, *qb = qa + hd;
      float *sa = sc + g * nPad + p0, *sb = sa + nPad;
      for (u32 p = 0; p + 4 <= pn; p += 4) {
        v128_t ra, rb;
        dot4x2(qa, qb, K + p * ks, ks, hd, &ra, &rb);
        wasm_v128_store(sa + p, wasm_f32x4_mul(ra, vsc));
        wasm_v128_store(sb + p, wasm_f32x4_mul(rb, vsc));
      }
    }
    for (u32 h = 0; h < G; h++) {
      const float *q = q0 + h * hd;
      float *s = sc + h * nPad + p0;
      u32 p = h < g ? pn & ~3u : 0; /* heads done in pairs above have their whole fours */
      for (; p + 4 <= pn; p += 4) wasm_v128_store(s + p, wasm_f32x4_mul(dot4(q, K + p * ks, ks, hd), vsc));
      for (; p < pn; p++) {
        v128_t d = wasm_f32x4_splat(0.0f);
        for (u32 i = 0; i < hd; i += 4) d = madd_f32x4(wasm_v128_load(q + i), wasm_v128_load(K + p * ks + i), d);
        s[p] = hsum_f32x4(d) * wasm_f32x4_extract_lane(vsc, 0);
      }
    }
  }
  for (u32 g = 0; g < G; g++) { /* softmax: the weights stay unnormalized; 1/Σ scales the output at the end */
    float *s = sc + g * nPad, mx = -3.4e38f;
    for (u32 p = 0; p < n; p++) mx = s[p] > mx ? s[p] : mx;
    float sum = exp_sum(s, n, mx);
    float *o = o0 + g * hd;
    for (u32 i = 0; i < hd; i += 4) wasm_v128_store(o + i, wasm_f32x4_splat(0.0f));
    invs[g] = 1.0f / sum;
  }
  for (u32 p0 = 0; p0 < n; p0 += KV_BLOCK) {
    u32 pn = n - p0 < KV_BLOCK ? n - p0 : KV_BLOCK, vs = f16 ? hd : kvs;
    const float *V = kv_block((const void *)a->v, p0, pn, kvs, off, hd, vb, f16);
    u32 g = 0;
    for (; g + 2 <= G && hd % 16 == 0; g += 2) { /* two heads a pass, 16 dims each: a value row loaded serves both */
      const float *wa = sc + g * nPad + p0, *wb = wa + nPad;
      float *oa = o0 + g * hd, *ob = oa + hd;
      for (u32 i0 = 0; i0 < hd; i0 += 16) {
        v128_t x[4], y[4];
        for (int r = 0; r < 4; r++) x[r] = wasm_v128_load(oa + i0 + 4 * r), y[r] = wasm_v128_load(ob + i0 + 4 * r);
        for (u32 p = 0; p < pn; p++) {
          const float *v = V + p * vs + i0;
          v128_t ua = wasm_f32x4_splat(wa[p]), ub = wasm_f32x4_splat(wb[p]);
          for (int r = 0; r < 4; r++) {
            v128_t vv = wasm_v128_load(v + 4 * r);
            x[r] = madd_f32x4(ua, vv, x[r]);
            y[r] = madd_f32x4(ub, vv, y[r]);
          }
        }
        for (int r = 0; r < 4; r++) wasm_v128_store(oa + i0 + 4 * r, x[r]), wasm_v128_store(ob + i0 + 4 * r, y[r]);
      }
    }
    for (; g < G; g++) {
      const float *w = sc + g * nPad + p0;
      float *o = o0 + g * hd;
      u32 i0 = 0;
      for (; i0 + 32 <= hd; i0 += 32) { /* 32 output dims in 8 registers across the block: 8 chains in flight */
        v128_t a[8];
        for (int r = 0; r < 8; r++) a[r] = wasm_v128_load(o + i0 + 4 * r);
        for (u32 p = 0; p < pn; p++) {
          const float *v = V + p * vs + i0;
          v128_t wv = wasm_f32x4_splat(w[p]);
          for (int r = 0; r < 8; r++) a[r] = madd_f32x4(wv, wasm_v128_load(v + 4 * r), a[r]);
        }
        for (int r = 0; r < 8; r++) wasm_v128_store(o + i0 + 4 * r, a[r]);
      }
      for (; i0 < hd; i0 += 4) {
        v128_t a0 = wasm_v128_load(o + i0);
        for (u32 p = 0; p < pn; p++) a0 = madd_f32x4(wasm_f32x4_splat(w[p]), wasm_v128_load(V + p * vs + i0), a0);
        wasm_v128_store(o + i0, a0);
      }
    }
  }
  for (u32 g = 0; g < G; g++) {
    float *o = o0 + g * hd;
    v128_t inv = wasm_f32x4_splat(invs[g]);
    for (u32 i = 0; i < hd; i += 4) wasm_v128_store(o + i, wasm_f32x4_mul(wasm_v128_load(o + i), inv));
  }
}

/* Chunk c of a MatmulManyJob: part 0's chunks first, then part 1's, … (each part's last chunk may be short). */
static void matmul_many_chunk(const MatmulManyJob *a, u32 c, u32 chunk) {
  for (u32 i = 0; i < a->parts; i++) {
    u32 rows = a->part[i][1], n = (rows + chunk - 1) / chunk;
    if (c >= n) { c -= n; continue; }
    MatmulJob m = {a->kind, a->part[i][0], rows, a->cols, a->x, a->xd, a->xs, a->tokens, a->part[i][2]};
    u32 first = c * chunk, end = first + chunk;
    matmul_rows(&m, first, end < rows ? end : rows);
    return;
  }
}

/* Take chunks until none are left; every thread (caller and helpers) runs this on the same job. */
EXPORT(run_job) void run_job(Job *j, i32 tid) {
  for (;;) {
    i32 c = __atomic_fetch_add(&j->next, 1, __ATOMIC_SEQ_CST);
    if (c >= j->nchunks) return;
    u32 first = (u32)c * (u32)j->chunk, end = first + (u32)j->chunk;
    if (j->op == OP_MATMUL) matmul_rows(&j->matmul, first, end < j->matmul.rows ? end : j->matmul.rows);
    else if (j->op == OP_MATMUL_MANY) matmul_many_chunk(&j->matmul_many, (u32)c, (u32)j->chunk);
    else if (j->op == OP_ATTENTION) attention_head(&j->attention, (u32)c, tid, 0);
    else if (j->op == OP_ATTENTION_F16) attention_head(&j->attention, (u32)c, tid, 1);
    else if (j->op == OP_ATTENTION_GROUP) attention_group(&j->attention, (u32)c, tid, 0);
    else if (j->op == OP_ATTENTION_GROUP_F16) attention_group(&j->attention, (u32)c, tid, 1);
    else if (j->op == OP_QUANTIZE) {
      const QuantizeJob *a = &j->quantize;
      u32 padded = quantize_padded(a->tokens, a->u4);
      quantize_tokens((const float *)a->x, a->tokens, a->cols, (i16 *)a->xq, (float *)a->xd, (float *)a->xs, a->u4, first,
                      end < padded ? end : padded);
    } else if (j->op == OP_SILU_MUL) {
      const SiluMulJob *a = &j->silu_mul;
      u32 n = (end < a->n ? end : a->n) - first;
      silu_mul((const float *)a->g + first, (const float *)a->u + first, (float *)a->out + first, n);
    } else if (j->op == OP_REPACK) {
      const RepackJob *a = &j->repack;
      u32 n = (end < a->rows ? end : a->rows) - first;
      repack_rows(a->type, (const u8 *)a->src + first * gguf_row_bytes(a->type, a->cols), a->row0 + first, n, a->cols,
                  (u8 *)a->q);
    }
  }
}

/* Each job record field's byte offset, in wasm-kernels.ts's JOB_FIELDS order (a test checks the two agree). */
#define OFF(f) (i32) __builtin_offsetof(Job, f)
static const i32 job_field_offsets[] = {
  OFF(op), OFF(next), OFF(nchunks), OFF(chunk),
  OFF(matmul.kind), OFF(matmul.q), OFF(matmul.rows), OFF(matmul.cols), OFF(matmul.x),
  OFF(matmul.xd), OFF(matmul.xs), OFF(matmul.tokens), OFF(matmul.out),
  OFF(attention.q), OFF(attention.k), OFF(attention.v), OFF(attention.out), OFF(attention.tokens), OFF(attention.start),
  OFF(attention.nHead), OFF(attention.nKv), OFF(attention.headDim), OFF(attention.scratch), OFF(attention.stride),
  OFF(repack.type), OFF(repack.src), OFF(repack.row0), OFF(repack.rows), OFF(repack.cols), OFF(repack.q),
  OFF(quantize.x), OFF(quantize.tokens), OFF(quantize.cols), OFF(quantize.xq), OFF(quantize.xd), OFF(quantize.xs),
  OFF(quantize.u4),
  OFF(silu_mul.g), OFF(silu_mul.u), OFF(silu_mul.out), OFF(silu_mul.n),
  OFF(matmul_many.kind), OFF(matmul_many.cols), OFF(matmul_many.x), OFF(matmul_many.xd), OFF(matmul_many.xs),
  OFF(matmul_many.tokens), OFF(matmul_many.parts), OFF(matmul_many.part[0][0]), OFF(matmul_many.part[0][1]),
  OFF(matmul_many.part[0][2]), OFF(matmul_many.part[1][0]), OFF(matmul_many.part[1][1]), OFF(matmul_many.part[1][2]),
  OFF(matmul_many.part[2][0]), OFF(matmul_many.part[2][1]), OFF(matmul_many.part[2][2]), (i32)sizeof(Job),
};
#undef OFF
EXPORT(job_fields) const i32 *job_fields(void) { return job_field_offsets; }

/* Row `row` as f32 (embedding lookup). */
EXPORT(get_row) void get_row(i32 kind, const u8 *q, u32 cols, u32 row, float *out) {
  if (kind == KIND_F32) { for (u32 i = 0; i < cols; i++) out[i] = ((const float *)q)[row * cols + i]; return; }
  u32 gb = GROUP_BLOCK_BYTES(kind), qb = GROUP_Q(kind), lane = row % 4;
  const u8 *g = q + (row / 4) * (cols / 32) * gb;
  for (u32 i = 0; i < cols; i++) {
    const u8 *blk = g + (i / 32) * gb, *qr = blk + qb * lane;
    u32 j = i % 32;
    float v = U4_IS(kind) ? (float)(j < 16 ? qr[j] & 15 : qr[j - 16] >> 4) : (float)(i8)qr[j];
    float dd = rd_f32(blk + GROUP_SCALES(kind) + 4 * lane);
    float mm = GROUP_HAS_MIN(kind) ? rd_f32(blk + GROUP_MINS(kind) + 4 * lane) : kind == KIND_U4_OFF8 ? -8.0f * dd : 0.0f;
    out[i] = dd * v + mm;
  }
}

/* Memory-speed reference for benchmarks: read `bytes` (a multiple of 64) and fold them into one value. */
EXPORT(stream_sum) i32 stream_sum(const u8 *p, u32 bytes) {
  v128_t a = wasm_i32x4_splat(0), b = a, c = a, d = a;
  for (u32 i = 0; i < bytes; i += 64) {
    a = wasm_i32x4_add(a, wasm_v128_load(p + i)); b = wasm_i32x4_add(b, wasm_v128_load(p + i + 16));
    c = wasm_i32x4_add(c, wasm_v128_load(p + i + 32)); d = wasm_i32x4_add(d, wasm_v128_load(p + i + 48));
  }
  a = wasm_i32x4_add(wasm_i32x4_add(a, b), wasm_i32x4_add(c, d));
  return wasm_i32x4_extract_lane(a, 0) + wasm_i32x4_extract_lane(a, 1) + wasm_i32x4_extract_lane(a, 2) + wasm_i32x4_extract_lane(a, 3);
}
