/** How each GGUF type is held in the kernels' memory (must match repack.c). */
import { GgmlType } from '../kernel-api';

/** U4_OFF8: Q4_0's nibbles, whose min is −8·d: kept without mins, the 8 subtracted in the integer dot (common.h). */
export const Kind = { F32: 0, I8: 1, U4: 2, U4_OFF8: 3 } as const;

export interface Layout {
  kind: number;
  /** Values per GGUF block: cols must be a multiple. */
  block: number;
  /** Whether mins are kept (an f32 per 32 values). */
  hasMin: boolean;
}

const layouts = new Map<number, Layout>([
  [GgmlType.F32, { kind: Kind.F32, block: 1, hasMin: false }],
  [GgmlType.F16, { kind: Kind.F32, block: 1, hasMin: false }],
  [GgmlType.BF16, { kind: Kind.F32, block: 1, hasMin: false }],
  [GgmlType.Q8_0, { kind: Kind.I8, block: 32, hasMin: false }],
  [GgmlType.Q5_0, { kind: Kind.I8, block: 32, hasMin: false }],
  [GgmlType.Q5_1, { kind: Kind.I8, block: 32, hasMin: true }],
  [GgmlType.Q6_K, { kind: Kind.I8, block: 256, hasMin: false }],
  [GgmlType.Q5_K, { kind: Kind.I8, block: 256, hasMin: true }],
  [GgmlType.Q4_0, { kind: Kind.U4_OFF8, block: 32, hasMin: false }],
  [GgmlType.Q4_1, { kind: Kind.U4, block: 32, hasMin: true }],
  [GgmlType.Q4_K, { kind: Kind.U4, block: 256, hasMin: true }],
]);

export function layoutOf(type: number): Layout | undefined {
  return layouts.get(type);
}

/** Whether a kind is nibbles: kept in groups of 4 rows, a group's blocks interleaved (common.h, repack.c). */
export const isNibbles = (kind: number) => kind === Kind.U4 || kind === Kind.U4_OFF8;

/**
 * Bytes of a matrix's arrays in the kernels' memory: `q` (quants, or f32 rows; nibbles: all of the 4-row groups,
 * scales and mins inside), `d` (f32 scales per 32) and `m` (mins per 32), 0 for an array not kept.
 */
export function matrixBytes(layout: Layout, rows: number, cols: number): { q: number; d: number; m: number } {
  const nb = cols / 32;
  if (layout.kind === Kind.F32) return { q: rows * cols * 4, d: 0, m: 0 };
  if (isNibbles(layout.kind)) return { q: Math.ceil(rows / 4) * nb * (layout.kind === Kind.U4 ? 96 : 80), d: 0, m: 0 };
  return { q: rows * cols, d: rows * nb * 4, m: layout.hasMin ? rows * nb * 4 : 0 };
}
