import type { Kernels, Matrix } from './cpu/kernel-api';
import { GGML_BLOCKS, GgmlType } from '../gguf/types';
import { createSeededRandom } from '../random/seeded';
import type { DeviceSpeed } from './speed-estimate';

/** Q8_0: blocks of 32 int8 weights and one f16 scale (GGUF's layout, as in the curated CPU models). */
const Q8_0_BLOCK_BYTES = GGML_BLOCKS[GgmlType.Q8_0]!.bytes;

export interface MeasureOptions {
  /** Shape of each weight matrix (SmolLM2-360M's feed-forward is 2560 × 960). */
  rows?: number;
  cols?: number;
  /** Matrices cycled through: together larger than the CPU's caches, so weights stream from memory as in a model. */
  matrices?: number;
  /** How long to time matmuls for, after one warm-up pass. */
  budgetMs?: number;
  now?: () => number;
  /** Deterministic weights in tests. */
  seed?: number;
}

/** GGUF bytes of a Q8_0 matrix whose weights are random int8 and whose scales are small. */
export function makeQ8Matrix(rows: number, cols: number, seed = 1): Uint8Array {
  if (cols % 32) throw new RangeError('Q8_0 needs a multiple of 32 columns');
  const bytes = new Uint8Array((rows * cols * Q8_0_BLOCK_BYTES) / 32);
  const random = createSeededRandom(seed);
  for (let i = 0; i < bytes.length; i++) bytes[i] = random.u32() & 0xff; // any values will do
  for (let b = 0; b < bytes.length; b += Q8_0_BLOCK_BYTES) {
    bytes[b] = 0x00; // scale 2^-10 as f16 (0x1400): finite, so the arithmetic is the real one
    bytes[b + 1] = 0x14;
  }
  return bytes;
}

/**
 * How many bytes of Q8_0 weights this CPU streams through one-token matmuls per second: the cost of decoding,
 * which reads every weight once per token. A few hundred milliseconds on matrices made in memory.
 */
export function measureWeightStreaming(kernels: Kernels, options: MeasureOptions = {}): DeviceSpeed {
  const { rows = 2560, cols = 960, matrices = 64, budgetMs = 400, seed = 1 } = options;
  const now = options.now ?? (() => performance.now());
  const ms: Matrix[] = [];
  // ~160 MB in all: more than a server CPU's last-level cache (a 63 MB set measured 9.6–13.7 GB/s here, run to run,
  // where real decodes stream at ~10). One random matrix, loaded again and again: the copies sit at their own addresses.
  const weights = makeQ8Matrix(rows, cols, seed);
  for (let i = 0; i < matrices; i++) ms.push(kernels.loadMatrix(GgmlType.Q8_0, weights, rows, cols));
  const ggufBytes = (rows * cols * Q8_0_BLOCK_BYTES) / 32;
  const x = kernels.alloc(cols * 4);
  kernels.f32(x, cols).fill(0.5);
  const out = kernels.alloc(rows * 4);
  for (const m of ms) kernels.matmul(m, x, 1, out); // warm-up: page faults and thread start-up are not decoding
  let passes = 0;
  const started = now();
  let elapsed = 0;
  do {
    kernels.matmul(ms[passes % ms.length]!, x, 1, out);
    passes++;
    elapsed = now() - started;
  } while (elapsed < budgetMs);
  return { weightBytesPerSec: (passes * ggufBytes * 1000) / elapsed, threads: kernels.threads, at: Date.now() };
}
