/** How the next token is picked. temperature 0 = pure greedy: the argmax and nothing else. */
export interface SamplerOptions {
  temperature: number;
  topK?: number;
  topP?: number;
  minP?: number;
  /** Divide positive logits (multiply negative ones) of recently seen tokens by this. */
  repeatPenalty?: number;
  /** How many recent tokens the penalty looks at. */
  repeatLastN?: number;
  /** Uniform [0, 1) numbers; seeded in tests. */
  random?: () => number;
}

import { SAMPLER_DEFAULTS } from '../generation-defaults';

export { SAMPLER_DEFAULTS };

export function argmax(logits: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
  return best;
}

/** Pick one token from `logits` given the tokens so far (prompt and answer) for the repetition penalty. */
export function sampleToken(logits: Float32Array, history: ArrayLike<number>, o: SamplerOptions): number {
  if (o.temperature <= 0) return argmax(logits);
  const { topK, topP, minP, repeatPenalty, repeatLastN } = { ...SAMPLER_DEFAULTS, ...o };
  const penalized = new Map<number, number>();
  for (let i = Math.max(0, history.length - repeatLastN); i < history.length; i++) {
    const id = history[i]!;
    const l = logits[id]!;
    if (!penalized.has(id)) penalized.set(id, l > 0 ? l / repeatPenalty : l * repeatPenalty);
  }
  const value = (id: number): number => penalized.get(id) ?? logits[id]!;
  // Top-k by a partial selection: keep the k best ids seen so far, sorted descending.
  const k = Math.max(1, Math.min(topK > 0 ? topK : logits.length, logits.length));
  const ids: number[] = [];
  for (let id = 0; id < logits.length; id++) {
    const v = value(id);
    if (ids.length === k && v <= value(ids[k - 1]!)) continue;
    let at = ids.length === k ? k - 1 : ids.length;
    while (at > 0 && value(ids[at - 1]!) < v) {
      ids[at] = ids[at - 1]!;
      at--;
    }
    ids[at] = id;
  }
  const max = value(ids[0]!);
  let probs = ids.map((id) => Math.exp((value(id) - max) / o.temperature));
  const sum = probs.reduce((a, b) => a + b, 0);
  probs = probs.map((p) => p / sum);
  // min-p, then top-p (nucleus), both on the sorted list.
  let keep = probs.findIndex((p) => p < minP * probs[0]!);
  if (keep < 0) keep = probs.length;
  let acc = 0;
  for (let i = 0; i < keep; i++) {
    acc += probs[i]!;
    if (acc >= topP) {
      keep = i + 1;
      break;
    }
  }
  const total = probs.slice(0, keep).reduce((a, b) => a + b, 0);
  let r = (o.random ?? Math.random)() * total;
  for (let i = 0; i < keep; i++) {
    r -= probs[i]!;
    if (r < 0) return ids[i]!;
  }
  return ids[keep - 1]!;
}
