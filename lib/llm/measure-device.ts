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

/** A loaded set of weight matrices, timed as often as asked (loading them again would grow the kernels' memory). */
export interface WeightStreamer {
  /** One timed run: matmuls for `budgetMs` after the warm-up done at creation. */
  run(budgetMs?: number): DeviceSpeed;
}

/**
 * Loads the matrices once (~160 MB in all: more than a server CPU's last-level cache; a 63 MB set measured
 * 9.6–13.7 GB/s here, run to run, where real decodes stream at ~10) and warms them up: page faults and thread
 * start-up are not decoding. One random matrix, loaded again and again: the copies sit at their own addresses.
 */
export function createWeightStreamer(kernels: Kernels, options: MeasureOptions = {}): WeightStreamer {
  const { rows = 2560, cols = 960, matrices = 64, seed = 1 } = options;
  const now = options.now ?? (() => performance.now());
  const weights = makeQ8Matrix(rows, cols, seed);
  const ms: Matrix[] = [];
  for (let i = 0; i < matrices; i++) ms.push(kernels.loadMatrix(GgmlType.Q8_0, weights, rows, cols));
  const ggufBytes = (rows * cols * Q8_0_BLOCK_BYTES) / 32;
  const x = kernels.alloc(cols * 4);
  kernels.f32(x, cols).fill(0.5);
  const out = kernels.alloc(rows * 4);
  for (const m of ms) kernels.matmul(m, x, 1, out);
  let next = 0;
  return {
    run(budgetMs = options.budgetMs ?? 400) {
      let passes = 0;
      const started = now();
      let elapsed = 0;
      do {
        kernels.matmul(ms[next++ % ms.length]!, x, 1, out);
        passes++;
        elapsed = now() - started;
      } while (elapsed < budgetMs);
      return { weightBytesPerSec: (passes * ggufBytes * 1000) / elapsed, threads: kernels.threads, at: Date.now() };
    },
  };
}

/**
 * How many bytes of Q8_0 weights this CPU streams through one-token matmuls per second: the cost of decoding,
 * which reads every weight once per token. One run of a few hundred milliseconds on matrices made in memory.
 */
export function measureWeightStreaming(kernels: Kernels, options: MeasureOptions = {}): DeviceSpeed {
  return createWeightStreamer(kernels, options).run(options.budgetMs ?? 400);
}

export interface BestOfOptions {
  /** Short runs to make (each one `budgetMs` long in the worker). */
  runs?: number;
  /** Pause between runs: a burst of other work that slows one run has often passed by the next. */
  gapMs?: number;
  wait?: (ms: number) => Promise<void>;
}

/** The measurement the first-run offer uses: 4 runs of 150 ms, 400 ms apart (about 2 s in all). */
export const BEST_OF = { runs: 4, gapMs: 400, budgetMs: 150 } as const;

/**
 * Several short runs spread over time, and the fastest kept: other programs only ever slow a run down, so the
 * fastest is closest to what the device can do, and one busy moment no longer decides the model. Every run's speed
 * is kept too (`samples`, in order), as a sense of how steady the device was.
 */
export async function measureBestOf(runOnce: () => DeviceSpeed, options: BestOfOptions = {}): Promise<DeviceSpeed> {
  const { runs = BEST_OF.runs, gapMs = BEST_OF.gapMs } = options;
  const wait = options.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const all: DeviceSpeed[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) {
    if (i > 0) await wait(gapMs);
    all.push(runOnce());
  }
  const best = all.reduce((a, b) => (b.weightBytesPerSec > a.weightBytesPerSec ? b : a));
  return { ...best, samples: all.map((s) => Math.round(s.weightBytesPerSec)) };
}

/** A re-check that differs from the stored measurement by more than this factor is not noise: one of them was loaded. */
export const RECHECK_DISAGREES = 1.5;

/**
 * The stored measurement after a re-check (before a download starts): the re-check replaces it only when it is
 * clearly faster (the stored one was taken while something else ran); a slower re-check is today's load, not the
 * device, and a close one is noise, so the stored one stays and the offer does not flip between two similar models.
 */
export function mergeRecheck(stored: DeviceSpeed, fresh: DeviceSpeed): DeviceSpeed {
  return fresh.weightBytesPerSec > stored.weightBytesPerSec * RECHECK_DISAGREES ? fresh : stored;
}
