/* Shared definitions for Hearth's CPU kernels (wasm32 + SIMD128, no libc).
 * Pointers are byte offsets into the one shared memory; JS owns allocation. Kernels keep everything in
 * registers/locals so they never touch the C stack (each wasm instance has its own __stack_pointer anyway). */
#ifndef HEARTH_COMMON_H
#define HEARTH_COMMON_H
#include <wasm_simd128.h>

typedef signed char i8;
typedef unsigned char u8;
typedef short i16;
typedef unsigned short u16;
typedef int i32;
typedef unsigned int u32;

#define EXPORT(name) __attribute__((export_name(#name))) 
#define INLINE static inline __attribute__((always_inline))

/* Weight layouts (see repack.c): f32 rows, int8 (KIND_I8; KIND_I8_MIN with mins) or nibbles (KIND_U4 with mins;
 * KIND_U4_OFF8, Q4_0's, whose min is −8·d: kept without mins, the 8 subtracted in the integer dot as ggml's q4_0 ·
 * q8_0 dot does). */
enum { KIND_F32 = 0, KIND_I8 = 1, KIND_U4 = 2, KIND_U4_OFF8 = 3, KIND_I8_MIN = 4 };
/* Quantized weights are kept in groups of 4 rows (the last one padded), a group's 32-blocks in order,
 * each GROUP_BLOCK_BYTES(kind): the 4 rows' quants (row i at GROUP_Q(kind)·i: 32 int8, or 16 bytes of nibbles whose
 * byte j holds value j low and j + 16 high), their 4 f32 scales, then (kinds with mins) their 4 f32 mins. A decoding
 * token then streams one sequential run of memory per 4 rows instead of twelve (4 rows' quants, scales and mins). */
#define U4_IS(kind) ((kind) == KIND_U4 || (kind) == KIND_U4_OFF8)
#define GROUP_Q(kind) (U4_IS(kind) ? 16u : 32u)
#define GROUP_HAS_MIN(kind) ((kind) == KIND_U4 || (kind) == KIND_I8_MIN)
#define GROUP_SCALES(kind) (4u * GROUP_Q(kind))  /* a block's 4 f32 scales: their offset in it */
#define GROUP_MINS(kind) (GROUP_SCALES(kind) + 16u) /* its 4 f32 mins (kinds with mins) */
#define GROUP_BLOCK_BYTES(kind) (GROUP_SCALES(kind) + (GROUP_HAS_MIN(kind) ? 32u : 16u))

/* The job records JS writes (wasm-kernels.ts, whose JOB_FIELDS lists these fields in this order; job_fields() in
 * ops.c hands the offsets to a test that checks the two agree). Pointers are byte offsets into the shared memory. */
typedef struct { /* out[t·rows + r] = Σ_c W[r, c]·x[t·cols + c] */
  i32 kind;        /* KIND_* (repack.c) */
  u32 q;           /* the matrix: f32 rows, or 4-row groups of quants, scales and mins */
  u32 rows, cols;
  u32 x;           /* KIND_F32: f32 activations; else quantized ones (quantize_act) */
  u32 xd, xs;      /* per-32 activation scales, and scale·Σq (for the mins) */
  u32 tokens, out;
} MatmulJob;
typedef struct { /* the same activations through up to 3 matrices of one kind and width (q, k, v; gate, up): `chunk`
                  * rows per chunk, the parts' chunks one after the other */
  i32 kind;
  u32 cols, x, xd, xs, tokens, parts;
  u32 part[3][3]; /* q, rows, out of each */
} MatmulManyJob;
typedef struct { /* causal attention, one head per chunk */
  u32 q, k, v, out, tokens, start, nHead, nKv, headDim;
  u32 scratch, stride; /* per-thread score rows: scratch + tid·stride bytes */
} AttentionJob;
typedef struct { /* quantize_act over `chunk` tokens per chunk (a batch's tokens are quantized independently) */
  u32 x, tokens, cols, xq, xd, xs;
  i32 u4;
} QuantizeJob;
typedef struct { /* out = silu(g)·u over `chunk` values per chunk */
  u32 g, u, out, n;
} SiluMulJob;
typedef struct { /* GGUF rows row0… into the kernels' layout (q: the matrix's), `chunk` rows per chunk */
  i32 type;
  u32 src, row0, rows, cols, q;
} RepackJob;

/* A job shared by the caller and helper threads: chunks are taken from `next` with an atomic add, so a
 * thread that starts late (or a core busy with something else) simply takes fewer chunks. */
typedef struct {
  i32 op, next, nchunks, chunk;
  union { MatmulJob matmul; MatmulManyJob matmul_many; AttentionJob attention; RepackJob repack; QuantizeJob quantize;
          SiluMulJob silu_mul; i32 words[16]; };
} Job;
enum { OP_MATMUL = 1, OP_ATTENTION = 2, OP_REPACK = 3, OP_ATTENTION_F16 = 4, OP_ATTENTION_GROUP = 5, OP_ATTENTION_GROUP_F16 = 6,
       OP_QUANTIZE = 7, OP_SILU_MUL = 8, OP_MATMUL_MANY = 9 };

INLINE float f16_to_f32(u16 h) {
  u32 sign = (u32)(h & 0x8000) << 16, exp = (h >> 10) & 0x1f, man = h & 0x3ff, bits;
  if (exp == 0) {
    if (man == 0) bits = sign;
    else { /* subnormal: normalise */
      exp = 127 - 15 + 1;
      while (!(man & 0x400)) { man <<= 1; exp--; }
      bits = sign | (exp << 23) | ((man & 0x3ff) << 13);
    }
  } else if (exp == 31) bits = sign | 0x7f800000 | (man << 13);
  else bits = sign | ((exp + 127 - 15) << 23) | (man << 13);
  return __builtin_bit_cast(float, bits);
}

/* f32 → nearest fp16 value (ties to even), as f32: llama.cpp keeps an activation block's scale as fp16, and
 * quantized models only give its exact greedy tokens when ours is rounded the same way. */
INLINE float round_f16(float f) {
  u32 b = __builtin_bit_cast(u32, f), a = b & 0x7fffffffu;
  if (a < 0x38800000u) return __builtin_rintf(f * 0x1p24f) * 0x1p-24f; /* fp16 subnormals: steps of 2^-24 */
  if (a >= 0x477ff000u) return f;                                     /* beyond fp16's range: never for int8 scales */
  b += 0xfffu + ((b >> 13) & 1u);
  return __builtin_bit_cast(float, b & ~0x1fffu);
}

/* a·b + c: one fused (or not: relaxed SIMD lets the engine choose) instruction in the relaxed build, two otherwise. */
INLINE v128_t madd_f32x4(v128_t a, v128_t b, v128_t c) {
#ifdef RELAXED
  typedef float f32x4 __attribute__((vector_size(16)));
  return (v128_t)__builtin_wasm_relaxed_madd_f32x4((f32x4)a, (f32x4)b, (f32x4)c);
#else
  return wasm_f32x4_add(wasm_f32x4_mul(a, b), c);
#endif
}

INLINE float hsum_f32x4(v128_t v) {
  return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) +
         wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3);
}

INLINE float rd_f32(const u8 *p) { float f; __builtin_memcpy(&f, p, 4); return f; }
INLINE u16 rd_u16(const u8 *p) { return (u16)(p[0] | (p[1] << 8)); }
INLINE u32 rd_u32(const u8 *p) { return (u32)p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) | ((u32)p[3] << 24); }

#endif
