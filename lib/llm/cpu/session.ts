import type { Forward } from './forward';
import { sampleToken, type SamplerOptions } from './sampler';

export interface SessionRequest {
  prompt: number[];
  maxTokens: number;
  sampler: SamplerOptions;
  stopIds: ReadonlySet<number>;
  /** Prompt tokens read so far (cached ones included) of the prompt's total, after each batch. */
  onProgress?(done: number, total: number): void;
  /** Each new token, stop tokens excluded. */
  onToken(id: number): void;
  /** Checked between batches and tokens: true stops at once (abort). */
  shouldStop(): boolean;
}

export interface SessionResult {
  promptTokens: number;
  /** Prompt tokens whose keys and values were already in the cache from the last call (not read again). */
  reusedTokens: number;
  completionTokens: number;
  prefillMs: number;
  /** From the first token to the last. */
  decodeMs: number;
  /** From the call to the first token (0 when none came). */
  firstTokenMs: number;
  finishReason: 'stop' | 'length' | 'aborted';
}

export class ContextFullError extends Error {
  override name = 'ContextFullError';
}

/**
 * One conversation's KV cache and the generation loop. The cache keeps the tokens it holds, so the next prompt is
 * read only from its first token that differs (a chat repeats its whole history every turn).
 */
export function createSession(forward: Forward, now: () => number = () => performance.now()) {
  let cached: number[] = [];

  function generate(r: SessionRequest): SessionResult {
    const started = now();
    const { prompt } = r;
    if (prompt.length === 0) throw new RangeError('An empty prompt has nothing to continue.');
    if (prompt.length >= forward.nCtx) {
      throw new ContextFullError(`This is too long for the model: ${prompt.length} tokens, and its context holds ${forward.nCtx}.`);
    }
    // Keep the common prefix, but always read at least the last prompt token again: its logits are needed.
    let keep = 0;
    while (keep < cached.length && keep < prompt.length - 1 && cached[keep] === prompt[keep]) keep++;
    cached = prompt.slice(0, keep);
    const result: SessionResult = {
      promptTokens: prompt.length,
      reusedTokens: keep,
      completionTokens: 0,
      prefillMs: 0,
      decodeMs: 0,
      firstTokenMs: 0,
      finishReason: 'stop',
    };
    r.onProgress?.(keep, prompt.length);
    let logits: Float32Array | null = null;
    for (let at = keep; at < prompt.length; at += forward.maxBatch) {
      if (r.shouldStop()) return { ...result, prefillMs: now() - started, finishReason: 'aborted' };
      const batch = prompt.slice(at, at + forward.maxBatch);
      logits = forward.run(batch, at);
      cached.push(...batch);
      r.onProgress?.(at + batch.length, prompt.length);
    }
    result.prefillMs = now() - started;
    const history = prompt.slice();
    let firstAt = 0;
    for (;;) {
      if (r.shouldStop()) {
        result.finishReason = 'aborted';
        break;
      }
      if (result.completionTokens >= r.maxTokens) {
        result.finishReason = 'length';
        break;
      }
      const id = sampleToken(logits!, history, r.sampler);
      if (r.stopIds.has(id)) break;
      if (result.completionTokens === 0) {
        firstAt = now();
        result.firstTokenMs = firstAt - started;
      }
      result.completionTokens++;
      history.push(id);
      r.onToken(id);
      result.decodeMs = now() - firstAt;
      if (result.completionTokens >= r.maxTokens || r.shouldStop()) continue;
      if (cached.length >= forward.nCtx) {
        result.finishReason = 'length';
        break;
      }
      logits = forward.run([id], cached.length);
      cached.push(id);
    }
    return result;
  }

  return {
    generate,
    /** Forget the cache (after an error left it in an unknown state). */
    reset: () => void (cached = []),
    get cachedTokens(): readonly number[] {
      return cached;
    },
  };
}

export type Session = ReturnType<typeof createSession>;
