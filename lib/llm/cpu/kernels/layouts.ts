/** How each GGUF type is held in the kernels' memory (must match repack.c's kind_of). */
import { GgmlType } from '../kernel-api';

/** I8_MIN, U4: with mins. U4_OFF8: Q4_0's nibbles, whose min is −8·d: kept without mins, the 8 subtracted in the
 * integer dot (common.h). */
export const Kind = { F32: 0, I8: 1, U4: 2, U4_OFF8: 3, I8_MIN: 4 } as const;

export interface Layout {
  kind: number;
  /** Values per GGUF block: cols must be a multiple. */
  block: number;
}

const layouts = new Map<number, Layout>([
  [GgmlType.F32, { kind: Kind.F32, block: 1 }],
  [GgmlType.F16, { kind: Kind.F32, block: 1 }],
  [GgmlType.BF16, { kind: Kind.F32, block: 1 }],
  [GgmlType.Q8_0, { kind: Kind.I8, block: 32 }],
  [GgmlType.Q5_0, { kind: Kind.I8, block: 32 }],
  [GgmlType.Q5_1, { kind: Kind.I8_MIN, block: 32 }],
  [GgmlType.Q6_K, { kind: Kind.I8, block: 256 }],
  [GgmlType.Q5_K, { kind: Kind.I8_MIN, block: 256 }],
  [GgmlType.Q4_0, { kind: Kind.U4_OFF8, block: 32 }],
  [GgmlType.Q4_1, { kind: Kind.U4, block: 32 }],
  [GgmlType.Q4_K, { kind: Kind.U4, block: 256 }],
]);

export function layoutOf(type: number): Layout | undefined {
  return layouts.get(type);
}

/** Bytes one 32-block of a 4-row group takes (common.h GROUP_BLOCK_BYTES): 4 rows' quants, scales, and mins. */
function groupBlockBytes(kind: number): number {
  const nibbles = kind === Kind.U4 || kind === Kind.U4_OFF8, mins = kind === Kind.U4 || kind === Kind.I8_MIN;
  return 4 * (nibbles ? 16 : 32) + (mins ? 32 : 16);
}

/** Bytes a matrix takes in the kernels' memory: f32 rows, or quantized rows in groups of 4 (the last one padded). */
export function matrixBytes(kind: number, rows: number, cols: number): number {
  return kind === Kind.F32 ? rows * cols * 4 : Math.ceil(rows / 4) * (cols / 32) * groupBlockBytes(kind);
}
