/**
 * The numbers of the GGUF format (gguf.md and ggml-common.h in the ggml repository): the magic, the metadata value
 * types, the ggml tensor types and how many values and bytes one block of each holds. The one table of them: the
 * engine, the model cache, the popup's URL check, the tests and the generators all read it.
 */

/** "GGUF" as the first four bytes of a file. */
export const GGUF_MAGIC = [0x47, 0x47, 0x55, 0x46] as const;

export const isGguf = (bytes: ArrayLike<number>): boolean => bytes.length >= 4 && GGUF_MAGIC.every((b, i) => bytes[i] === b);

/** Metadata value types, numbered as in GGUF files. */
export const GgufValueType = {
  U8: 0, I8: 1, U16: 2, I16: 3, U32: 4, I32: 5, F32: 6, BOOL: 7, STRING: 8, ARRAY: 9, U64: 10, I64: 11, F64: 12,
} as const;

/** Bytes a scalar value of each fixed-size metadata type takes (strings and arrays are sized by their count). */
export const VALUE_BYTES: Readonly<Record<number, number>> = {
  [GgufValueType.U8]: 1, [GgufValueType.I8]: 1, [GgufValueType.U16]: 2, [GgufValueType.I16]: 2,
  [GgufValueType.U32]: 4, [GgufValueType.I32]: 4, [GgufValueType.F32]: 4, [GgufValueType.BOOL]: 1,
  [GgufValueType.U64]: 8, [GgufValueType.I64]: 8, [GgufValueType.F64]: 8,
};

/** ggml tensor types, numbered as in GGUF files. */
export const GgmlType = {
  F32: 0,
  F16: 1,
  Q4_0: 2,
  Q4_1: 3,
  Q5_0: 6,
  Q5_1: 7,
  Q8_0: 8,
  Q2_K: 10,
  Q3_K: 11,
  Q4_K: 12,
  Q5_K: 13,
  Q6_K: 14,
  BF16: 30,
} as const;

/** Values per block and bytes per block of each tensor type Hearth knows. */
export const GGML_BLOCKS: Readonly<Record<number, { values: number; bytes: number }>> = {
  [GgmlType.F32]: { values: 1, bytes: 4 },
  [GgmlType.F16]: { values: 1, bytes: 2 },
  [GgmlType.BF16]: { values: 1, bytes: 2 },
  [GgmlType.Q4_0]: { values: 32, bytes: 18 }, // f16 d + 16 bytes of nibbles
  [GgmlType.Q4_1]: { values: 32, bytes: 20 }, // f16 d, f16 m + 16 bytes of nibbles
  [GgmlType.Q5_0]: { values: 32, bytes: 22 }, // f16 d + 4 bytes of high bits + 16 of nibbles
  [GgmlType.Q5_1]: { values: 32, bytes: 24 },
  [GgmlType.Q8_0]: { values: 32, bytes: 34 }, // f16 d + 32 int8
  [GgmlType.Q2_K]: { values: 256, bytes: 84 },
  [GgmlType.Q3_K]: { values: 256, bytes: 110 },
  [GgmlType.Q4_K]: { values: 256, bytes: 144 },
  [GgmlType.Q5_K]: { values: 256, bytes: 176 },
  [GgmlType.Q6_K]: { values: 256, bytes: 210 },
};

/** Bytes `count` values of `type` take, or undefined for an unknown type or a count that is not whole blocks. */
export function tensorBytes(type: number, count: number): number | undefined {
  const b = GGML_BLOCKS[type];
  return b && count % b.values === 0 ? (count / b.values) * b.bytes : undefined;
}

/** The name ggml gives a type ("Q4_K"), or "type N" for one not in the table. */
export const ggmlTypeName = (type: number): string =>
  Object.entries(GgmlType).find(([, n]) => n === type)?.[0] ?? `type ${type}`;
