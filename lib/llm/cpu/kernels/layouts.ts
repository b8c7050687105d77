/** How each GGUF type is held in the kernels' memory (must match repack.c). */
import { GgmlType } from '../kernel-api';

export const Kind = { F32: 0, I8: 1, U4: 2 } as const;
/** A matmul job's kind for a U4 matrix whose mins are −8·d (Q4_0): the relaxed build's batches subtract the 8 in the
 * integer dot (gemm-u4.h), with quantize_act's `u4` = 2; everything else reads it as U4 (common.h). */
export const JOB_KIND_U4_OFF8 = 3;

export interface Layout {
  kind: number;
  /** Values per GGUF block: cols must be a multiple. */
  block: number;
  /** Whether a per-32 f32 min array is kept. */
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
  [GgmlType.Q4_0, { kind: Kind.U4, block: 32, hasMin: true }],
  [GgmlType.Q4_1, { kind: Kind.U4, block: 32, hasMin: true }],
  [GgmlType.Q4_K, { kind: Kind.U4, block: 256, hasMin: true }],
]);

export function layoutOf(type: number): Layout | undefined {
  return layouts.get(type);
}

/** Bytes of the quant (or f32) array for one row. */
export function rowBytes(kind: number, cols: number): number {
  return kind === Kind.F32 ? cols * 4 : kind === Kind.U4 ? cols / 2 : cols;
}
