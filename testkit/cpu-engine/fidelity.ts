/**
 * The numbers of scripts/fidelity-at-depth.ts: how far one runner's next-token distributions are from a reference's
 * over the same teacher-forced tokens. Per position: KL(ref ‖ x) in nats over the whole vocabulary, and whether x's
 * most likely token is the reference's. Pure arithmetic, so fidelity.test.ts checks it by hand-worked cases.
 */

/** Log-probabilities (natural log) of a logits vector: log-softmax, in float64 sums. */
export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  let z = 0;
  for (let i = 0; i < logits.length; i++) z += Math.exp(logits[i]! - max);
  const lz = max + Math.log(z);
  return Float64Array.from(logits, (v) => v - lz);
}

/**
 * The smallest probability counted: native hands probabilities as float32, so a token far in the tail can arrive as
 * 0 (log −∞). Flooring it bounds that token's KL term at p_ref · (log p_ref − log FLOOR), which for a token the
 * reference also finds negligible is negligible; the floor is far below any probability that moves the totals.
 */
export const PROBABILITY_FLOOR = 1e-38;

/** Log-probabilities from a token → probability map (native's), every token not in it at the floor. */
export function logProbsFromMap(probabilities: Map<number, number>, vocab: number): Float64Array {
  const out = new Float64Array(vocab).fill(Math.log(PROBABILITY_FLOOR));
  for (const [t, p] of probabilities) if (t < vocab) out[t] = Math.log(Math.max(p, PROBABILITY_FLOOR));
  return out;
}

/** KL(ref ‖ x) = Σ p_ref · (log p_ref − log p_x), nats; both given as log-probabilities over the same vocabulary. */
export function klDivergence(refLog: ArrayLike<number>, xLog: ArrayLike<number>): number {
  if (refLog.length !== xLog.length) throw new RangeError(`Vocabularies differ: ${refLog.length} and ${xLog.length}.`);
  let kl = 0;
  for (let i = 0; i < refLog.length; i++) {
    const p = Math.exp(refLog[i]!);
    if (p > 0) kl += p * (refLog[i]! - xLog[i]!);
  }
  return Math.max(0, kl); // rounding can leave −1e-17 for identical inputs
}

/** The index of the largest value (the first of a tie). */
export function argmax(a: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
}

/** Entropy of a distribution given as log-probabilities (nats): how peaked the reference is. */
export function entropy(logp: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < logp.length; i++) {
    const p = Math.exp(logp[i]!);
    if (p > 0) h -= p * logp[i]!;
  }
  return h;
}

/** One position's comparison of a runner with the reference. */
export interface PositionFidelity {
  position: number;
  kl: number;
  top1: boolean;
}

export function comparePosition(position: number, refLog: ArrayLike<number>, xLog: ArrayLike<number>): PositionFidelity {
  return { position, kl: klDivergence(refLog, xLog), top1: argmax(refLog) === argmax(xLog) };
}

export interface FidelitySummary {
  positions: number;
  meanKl: number;
  maxKl: number;
  /** Share of positions whose top token is the reference's, 0…1. */
  top1: number;
  /** Mean KL per bucket of positions, in bucket order: [first position, last position, mean KL, top-1 share]. */
  buckets: [number, number, number, number][];
}

/** Mean and max KL, top-1 agreement, and both per consecutive bucket of `bucketSize` positions. */
export function summarize(rows: PositionFidelity[], bucketSize: number): FidelitySummary {
  if (!rows.length) throw new RangeError('Nothing to summarize.');
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const buckets: FidelitySummary['buckets'] = [];
  for (let i = 0; i < rows.length; i += bucketSize) {
    const b = rows.slice(i, i + bucketSize);
    buckets.push([b[0]!.position, b.at(-1)!.position, mean(b.map((r) => r.kl)), mean(b.map((r) => (r.top1 ? 1 : 0)))]);
  }
  return {
    positions: rows.length,
    meanKl: mean(rows.map((r) => r.kl)),
    maxKl: Math.max(...rows.map((r) => r.kl)),
    top1: mean(rows.map((r) => (r.top1 ? 1 : 0))),
    buckets,
  };
}
