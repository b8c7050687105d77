import type { Forward } from '../../lib/llm/cpu/forward';
import { argmax } from '../../lib/llm/cpu/sampler';

export interface ForwardRun {
  /** Prompt tokens read per second, and tokens decoded per second. */
  prefill: number;
  decode: number;
  /** The greedy tokens: the first from the prompt's logits, then one per decode step. */
  tokens: number[];
}

/**
 * Time the bare forward pass, as the engine benchmarks do (Node and Chromium alike): read `prompt` in batches, then
 * decode `decode` greedy tokens one at a time. `beforeDecode` runs between the two (a profiler resets its counts).
 */
export function timeForward(forward: Forward, prompt: number[], decode: number, batch: number, beforeDecode = () => {}): ForwardRun {
  let t0 = performance.now();
  let logits!: Float32Array;
  // As the engine's session reads a prompt: only the last batch computes logits (the vocabulary-sized matmul).
  for (let at = 0; at < prompt.length; at += batch) logits = forward.run(prompt.slice(at, at + batch), at, 0, at + batch >= prompt.length) ?? logits;
  const prefillMs = performance.now() - t0;
  const tokens = [argmax(logits)];
  beforeDecode();
  t0 = performance.now();
  for (let i = 0; i < decode; i++) tokens.push(argmax(forward.run([tokens[i]!], prompt.length + i)));
  return { prefill: (prompt.length * 1000) / prefillMs, decode: (decode * 1000) / (performance.now() - t0), tokens };
}
