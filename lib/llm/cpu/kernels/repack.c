/* Repack GGUF blocks into the kernels' layouts, a few rows per call (JS streams a tensor through a staging buffer).
 *   KIND_F32: rows×cols f32 (F32, F16, BF16).
 *   Quantized (common.h: 4-row groups, GROUP_BLOCK_BYTES): w = d·q (+ m). KIND_I8: Q8_0, Q5_0, Q6_K; KIND_I8_MIN:
 *   Q5_1, Q5_K; KIND_U4: Q4_1, Q4_K; KIND_U4_OFF8: Q4_0 (m = −8·d, not kept). Matrices keep no d or m arrays.
 * Exact for F32/F16/BF16/Q8_0/Q4_0/Q4_1/Q4_K/Q5_0/Q5_1/Q5_K (the same f32 products ggml forms); Q6_K's 16-value
 * sub-blocks (two scales per 32) are requantized to one int8 scale per 32 (error ≤ half an int8 step). */
#include "common.h"

enum { T_F32 = 0, T_F16 = 1, T_Q4_0 = 2, T_Q4_1 = 3, T_Q5_0 = 6, T_Q5_1 = 7, T_Q8_0 = 8, T_Q4_K = 12,
       T_Q5_K = 13, T_Q6_K = 14, T_BF16 = 30 };

/* Bytes one row of `cols` values takes in GGUF (0 when the type is not supported). */
EXPORT(gguf_row_bytes) u32 gguf_row_bytes(i32 type, u32 cols) {
  switch (type) {
    case T_F32: return cols * 4;
    case T_F16: case T_BF16: return cols * 2;
    case T_Q4_0: return cols / 32 * 18;
    case T_Q4_1: return cols / 32 * 20;
    case T_Q5_0: return cols / 32 * 22;
    case T_Q5_1: return cols / 32 * 24;
    case T_Q8_0: return cols / 32 * 34;
    case T_Q4_K: return cols / 256 * 144;
    case T_Q5_K: return cols / 256 * 176;
    case T_Q6_K: return cols / 256 * 210;
  }
  return 0;
}

INLINE void scale_min_k4(int j, const u8 *s, u32 *sc, u32 *m) {
  if (j < 4) { *sc = s[j] & 63; *m = s[j + 4] & 63; }
  else { *sc = (s[j + 4] & 0xF) | ((s[j - 4] >> 6) << 4); *m = (s[j + 4] >> 4) | ((s[j] >> 6) << 4); }
}


static void row_f32(i32 type, const u8 *s, float *o, u32 cols) {
  u32 i = 0;
  if (type == T_F16)
    for (; i + 8 <= cols; i += 8) {
      v128_t h = wasm_v128_load(s + 2 * i);
      for (int k = 0; k < 2; k++) {
        v128_t w = k ? wasm_u32x4_extend_high_u16x8(h) : wasm_u32x4_extend_low_u16x8(h);
        v128_t sign = wasm_i32x4_shl(wasm_v128_and(w, wasm_i32x4_splat(0x8000)), 16);
        v128_t em = wasm_i32x4_shl(wasm_v128_and(w, wasm_i32x4_splat(0x7fff)), 13);
        v128_t f = wasm_f32x4_mul(em, wasm_f32x4_splat(0x1p112f));
        v128_t special = wasm_i32x4_eq(wasm_v128_and(w, wasm_i32x4_splat(0x7c00)), wasm_i32x4_splat(0x7c00));
        f = wasm_v128_bitselect(wasm_v128_or(em, wasm_i32x4_splat(0x7f800000)), f, special);
        wasm_v128_store(o + i + 4 * k, wasm_v128_or(f, sign));
      }
    }
  for (; i < cols; i++) {
    if (type == T_F32) o[i] = rd_f32(s + 4 * i);
    else if (type == T_F16) o[i] = f16_to_f32(rd_u16(s + 2 * i));
    else o[i] = __builtin_bit_cast(float, (u32)rd_u16(s + 2 * i) << 16);
  }
}

/* The layout each quantized type is kept in (layouts.ts holds the same table). */
static i32 kind_of(i32 type) {
  switch (type) {
    case T_Q4_0: return KIND_U4_OFF8;
    case T_Q4_1: case T_Q4_K: return KIND_U4;
    case T_Q5_1: case T_Q5_K: return KIND_I8_MIN;
    default: return KIND_I8;
  }
}

/* One row: s = its GGUF bytes, into lane `lane` of its 4-row group grp. Uses no stack arrays bigger than a block. */
static void row_quant(i32 type, const u8 *s, u8 *grp, u32 lane, u32 cols) {
  i32 kind = kind_of(type);
  u32 nb = cols / 32, gb = GROUP_BLOCK_BYTES(kind), qb = GROUP_Q(kind);
  for (u32 b = 0; b < nb; b++) {
    u8 *blk = grp + b * gb, *q = blk + qb * lane;
    float dd = 0.0f, mm = 0.0f;
    switch (type) {
      case T_Q8_0: {
        const u8 *x = s + b * 34;
        dd = f16_to_f32(rd_u16(x));
        __builtin_memcpy(q, x + 2, 32);
#ifdef RELAXED
        /* The relaxed dot flips a weight's sign: −128 has no int8 negation. ggml's quantizer never writes it
         * (round(x·127/amax) is within ±127); a file that does loses one step on that weight. */
        for (int j = 0; j < 32; j++) if (q[j] == 0x80) q[j] = 0x81;
#endif
        break;
      }
      case T_Q4_0: case T_Q4_1: {
        const u8 *x = s + b * (type == T_Q4_0 ? 18 : 20);
        dd = f16_to_f32(rd_u16(x));
        if (type == T_Q4_1) mm = f16_to_f32(rd_u16(x + 2));
        __builtin_memcpy(q, x + (type == T_Q4_0 ? 2 : 4), 16);
        break;
      }
      case T_Q5_0: case T_Q5_1: {
        int one = type == T_Q5_1;
        const u8 *x = s + b * (one ? 24 : 22);
        u32 qh = rd_u32(x + (one ? 4 : 2));
        const u8 *qs = x + (one ? 8 : 6);
        for (int j = 0; j < 16; j++) {
          int lo = (qs[j] & 0xF) | (((qh >> j) & 1) << 4), hi = (qs[j] >> 4) | (((qh >> (j + 16)) & 1) << 4);
          q[j] = (u8)(one ? lo : lo - 16);
          q[j + 16] = (u8)(one ? hi : hi - 16);
        }
        dd = f16_to_f32(rd_u16(x));
        if (one) mm = f16_to_f32(rd_u16(x + 2));
        break;
      }
      case T_Q4_K: case T_Q5_K: {
        int five = type == T_Q5_K;
        const u8 *x = s + (b / 8) * (five ? 176 : 144);
        int sub = b % 8; /* 32-value sub-block inside the 256 super-block */
        u32 sc, mn;
        scale_min_k4(sub, x + 4, &sc, &mn);
        dd = f16_to_f32(rd_u16(x)) * (float)sc;
        mm = -(f16_to_f32(rd_u16(x + 2)) * (float)mn);
        const u8 *qs = x + (five ? 48 : 16) + (sub / 2) * 32;
        int shift = (sub & 1) * 4;
        if (!five) { /* out[j] = q[j] | q[j+16] << 4, sixteen at a time */
          v128_t f = wasm_i8x16_splat(0x0F);
          v128_t lo = wasm_v128_and(wasm_u8x16_shr(wasm_v128_load(qs), shift), f);
          v128_t hi = wasm_v128_and(wasm_u8x16_shr(wasm_v128_load(qs + 16), shift), f);
          wasm_v128_store(q, wasm_v128_or(lo, wasm_i8x16_shl(hi, 4)));
        } else {
          const u8 *qh = x + 16;
          for (int j = 0; j < 32; j++) q[j] = (u8)(((qs[j] >> shift) & 0xF) | (((qh[j] >> sub) & 1) << 4));
        }
        break;
      }
      case T_Q6_K: {
        const u8 *x = s + (b / 8) * 210;
        int sub = b % 8, half = sub / 4, quarter = sub % 4; /* 128-value half, then which 32 of it */
        const u8 *ql = x + half * 64, *qh = x + 128 + half * 32;
        const i8 *sc = (const i8 *)(x + 192) + half * 8 + quarter * 2;
        /* q6 - 32 for 32 values, times their int8 sub-block scale (exact in int16: |v| ≤ 4096) */
        v128_t v[4];
        for (int k = 0; k < 2; k++) {
          v128_t L = wasm_v128_and(wasm_u8x16_shr(wasm_v128_load(ql + (quarter & 1 ? 32 : 0) + 16 * k), quarter & 2 ? 4 : 0), wasm_i8x16_splat(15));
          v128_t H = wasm_i8x16_shl(wasm_v128_and(wasm_u8x16_shr(wasm_v128_load(qh + 16 * k), 2 * quarter), wasm_i8x16_splat(3)), 4);
          v128_t q6 = wasm_i8x16_sub(wasm_v128_or(L, H), wasm_i8x16_splat(32));
          v128_t scv = wasm_i16x8_splat(sc[k]);
          v[2 * k] = wasm_i16x8_mul(wasm_i16x8_extend_low_i8x16(q6), scv);
          v[2 * k + 1] = wasm_i16x8_mul(wasm_i16x8_extend_high_i8x16(q6), scv);
        }
        v128_t mx = wasm_i16x8_max(wasm_i16x8_max(wasm_i16x8_abs(v[0]), wasm_i16x8_abs(v[1])),
                                   wasm_i16x8_max(wasm_i16x8_abs(v[2]), wasm_i16x8_abs(v[3])));
        mx = wasm_i16x8_max(mx, wasm_i32x4_shuffle(mx, mx, 2, 3, 0, 1));
        mx = wasm_i16x8_max(mx, wasm_i32x4_shuffle(mx, mx, 1, 0, 3, 2));
        mx = wasm_i16x8_max(mx, wasm_i16x8_shuffle(mx, mx, 1, 0, 3, 2, 5, 4, 7, 6));
        int amax = wasm_i16x8_extract_lane(mx, 0);
        float step = (float)amax / 127.0f, inv = amax ? 127.0f / (float)amax : 0.0f;
        v128_t vinv = wasm_f32x4_splat(inv), n16[4];
        for (int k = 0; k < 4; k++) {
          v128_t lo = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_mul(wasm_f32x4_convert_i32x4(wasm_i32x4_extend_low_i16x8(v[k])), vinv)));
          v128_t hi = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_mul(wasm_f32x4_convert_i32x4(wasm_i32x4_extend_high_i16x8(v[k])), vinv)));
          n16[k] = wasm_i16x8_narrow_i32x4(lo, hi);
        }
        wasm_v128_store(q, wasm_i8x16_narrow_i16x8(n16[0], n16[1]));
        wasm_v128_store(q + 16, wasm_i8x16_narrow_i16x8(n16[2], n16[3]));
        dd = f16_to_f32(rd_u16(x + 208)) * step;
        break;
      }
    }
    __builtin_memcpy(blk + GROUP_SCALES(kind) + 4 * lane, &dd, 4);
    if (GROUP_HAS_MIN(kind)) __builtin_memcpy(blk + GROUP_MINS(kind) + 4 * lane, &mm, 4);
  }
}

/* Rows row0 … row0+rows−1 of a matrix whose data starts at q; src holds those rows' GGUF bytes. */
EXPORT(repack_rows) void repack_rows(i32 type, const u8 *src, u32 row0, u32 rows, u32 cols, u8 *q) {
  u32 sb = gguf_row_bytes(type, cols), gs = cols / 32 * GROUP_BLOCK_BYTES(kind_of(type));
  for (u32 i = 0; i < rows; i++) {
    u32 r = row0 + i;
    if (type == T_F32 || type == T_F16 || type == T_BF16) row_f32(type, src + i * sb, (float *)q + r * cols, cols);
    else row_quant(type, src + i * sb, q + (r / 4) * gs, r % 4, cols);
  }
}
