/**
 * The job record the caller and the helper threads share (common.h's `Job`): a header, then one operation's named
 * fields, each an Int32 word, in the C structs' order. job-record.test.ts checks these against the offsets the C
 * side reports (`job_fields()`), so a field added on one side only fails a test instead of shifting the others.
 */
export const Op = { matmul: 1, attention: 2, repack: 3, attention_f16: 4, attention_group: 5, attention_group_f16: 6, quantize: 7, silu_mul: 8, matmul_many: 9 } as const;
export type OpName = keyof typeof Op;

const HEADER = ['op', 'next', 'nchunks', 'chunk'] as const;
export const JOB_FIELDS = {
  // out[t·rows + r] = Σ_c W[r, c]·x[t·cols + c]; x is quantized (quantize_act) unless kind is F32.
  matmul: ['kind', 'q', 'rows', 'cols', 'x', 'xd', 'xs', 'tokens', 'out'],
  // Causal attention, one head per chunk; scratch + tid·stride is a thread's score row.
  attention: ['q', 'k', 'v', 'out', 'tokens', 'start', 'nHead', 'nKv', 'headDim', 'scratch', 'stride'],
  // GGUF rows row0… (staged at src) into the matrix at q (the kernels' layout), `chunk` rows per chunk.
  repack: ['type', 'src', 'row0', 'rows', 'cols', 'q'],
  // The same as attention, over an fp16 cache (common.h: OP_ATTENTION_F16 takes the AttentionJob).
  attention_f16: ['q', 'k', 'v', 'out', 'tokens', 'start', 'nHead', 'nKv', 'headDim', 'scratch', 'stride'],
  // The same fields, one token and one KV head's group of query heads per chunk (ops.c attention_group).
  attention_group: ['q', 'k', 'v', 'out', 'tokens', 'start', 'nHead', 'nKv', 'headDim', 'scratch', 'stride'],
  attention_group_f16: ['q', 'k', 'v', 'out', 'tokens', 'start', 'nHead', 'nKv', 'headDim', 'scratch', 'stride'],
  // quantize_act's arguments, `chunk` tokens per chunk (matmul.c quantize_tokens).
  quantize: ['x', 'tokens', 'cols', 'xq', 'xd', 'xs', 'u4'],
  // out = silu(g)·u, `chunk` values per chunk.
  silu_mul: ['g', 'u', 'out', 'n'],
  // The same quantized activations through `parts` (≤ 3) matrices of one kind and width: each part's q, rows and out;
  // `chunk` rows per chunk, part 0's chunks first.
  matmul_many: ['kind', 'cols', 'x', 'xd', 'xs', 'tokens', 'parts', 'q0', 'rows0', 'out0', 'q1', 'rows1', 'out1', 'q2', 'rows2', 'out2'],
} as const;
export type JobArgs<K extends OpName> = Record<(typeof JOB_FIELDS)[K][number], number>;

/** Bytes the record takes (the C union holds 16 words after the header). */
export const JOB_BYTES = (HEADER.length + 16) * 4;

/** Write a job (its chunk counter reset) into the record's words. */
export function writeJob<K extends OpName>(words: Int32Array, op: K, nchunks: number, chunk: number, args: JobArgs<K>): void {
  words[0] = Op[op];
  words[1] = 0;
  words[2] = nchunks;
  words[3] = chunk;
  const fields: readonly string[] = JOB_FIELDS[op];
  fields.forEach((f, i) => (words[HEADER.length + i] = (args as Record<string, number>)[f]!)); // offsets past 2^31 wrap, as C reads u32
}

/** Every field's byte offset, in the order job_fields() lists them (header, matmul, attention, repack, quantize,
 * silu_mul, matmul_many, then the size). */
export function jobFieldOffsets(): number[] {
  const body = (op: OpName) => JOB_FIELDS[op].map((_, i) => (HEADER.length + i) * 4);
  return [...HEADER.map((_, i) => i * 4), ...body('matmul'), ...body('attention'), ...body('repack'), ...body('quantize'), ...body('silu_mul'), ...body('matmul_many'), JOB_BYTES];
}
