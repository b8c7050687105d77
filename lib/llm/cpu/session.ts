import { STOPPED, type Forward } from './forward';
import { sampleToken, type SamplerOptions } from './sampler';
import { commonPrefix, planSlot, type SlotState } from './kv-slots';

export interface SessionRequest {
  prompt: readonly number[];
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

/** What a prime did: the prompt's size, what the cache already held, and whether it read to the end. */
export interface PrimeResult {
  promptTokens: number;
  reusedTokens: number;
  /** Prompt tokens whose keys and values are now cached (all of them, unless stopped). */
  cachedTokens: number;
  prefillMs: number;
  finishReason: 'stop' | 'aborted';
}

export interface PrimeRequest {
  prompt: readonly number[];
  onProgress?(done: number, total: number): void;
  shouldStop(): boolean;
}

/**
 * The KV cache's slots and the generation loop. Each slot keeps the tokens it holds, so a prompt is read only from
 * its first token that no slot already has (a chat repeats its whole history every turn; a primed page is read before
 * its question is asked). Which slot a prompt takes: planSlot (kv-slots.ts).
 */
export function createSession(forward: Forward, now: () => number = () => performance.now()) {
  const slots: SlotState[] = Array.from({ length: forward.nSlots }, () => ({ tokens: [], usedAt: 0 }));
  let clock = 0;

  function checkFits(prompt: readonly number[]) {
    if (prompt.length === 0) throw new RangeError('An empty prompt has nothing to continue.');
    if (prompt.length >= forward.nCtx) {
      throw new ContextFullError(`This is too long for the model: ${prompt.length} tokens, and its context holds ${forward.nCtx}.`);
    }
  }

  /** Take the planned slot: keep its shared prefix (copied in if it came from another slot), drop the rest. */
  function claim(prompt: readonly number[], limit: number): { slot: number; state: SlotState; keep: number } {
    const plan = planSlot(slots, prompt, limit);
    const state = slots[plan.slot]!;
    if (plan.copyFrom !== undefined) forward.copyPrefix(plan.copyFrom, plan.slot, plan.keep);
    state.tokens = prompt.slice(0, plan.keep);
    state.usedAt = ++clock;
    return { slot: plan.slot, state, keep: plan.keep };
  }

  /**
   * Read prompt[keep…] into the slot in batches. What is read stays in the slot even when stopped between batches
   * (a valid prefix for the next prompt); nothing beyond it is claimed. Returns the last logits, or null if stopped.
   */
  function read(prompt: readonly number[], slot: number, state: SlotState, keep: number, r: Pick<PrimeRequest, 'onProgress' | 'shouldStop'>) {
    r.onProgress?.(keep, prompt.length);
    let logits: Float32Array | null = null;
    for (let at = keep; at < prompt.length; at += forward.maxBatch) {
      if (r.shouldStop()) return null;
      const batch = prompt.slice(at, at + forward.maxBatch);
      const out = forward.runUnlessStopped(batch, at, slot, at + batch.length >= prompt.length, r.shouldStop);
      if (out === STOPPED) return null; // stopped inside the batch: the slot holds what was read before it
      logits = out;
      state.tokens.push(...batch);
      r.onProgress?.(at + batch.length, prompt.length);
    }
    return logits;
  }

  function generate(r: SessionRequest): SessionResult {
    const started = now();
    const { prompt } = r;
    checkFits(prompt);
    // Reuse a cached prefix, but always read at least the last prompt token again: its logits are needed.
    const { slot, state, keep } = claim(prompt, prompt.length - 1);
    const result: SessionResult = {
      promptTokens: prompt.length,
      reusedTokens: keep,
      completionTokens: 0,
      prefillMs: 0,
      decodeMs: 0,
      firstTokenMs: 0,
      finishReason: 'stop',
    };
    const logits = read(prompt, slot, state, keep, r);
    result.prefillMs = now() - started;
    if (!logits) return { ...result, finishReason: 'aborted' };
    return decode(r, slot, state, logits, result, started);
  }

  function decode(r: SessionRequest, slot: number, state: SlotState, first: Float32Array, result: SessionResult, started: number) {
    const history = r.prompt.slice();
    let logits = first;
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
      const id = sampleToken(logits, history, r.sampler);
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
      if (state.tokens.length >= forward.nCtx) {
        result.finishReason = 'length';
        break;
      }
      logits = forward.run([id], state.tokens.length, slot);
      state.tokens.push(id);
    }
    return result;
  }

  /** Read `prompt` into a slot without generating, so a later prompt that starts with it reads only the rest. */
  function prime(r: PrimeRequest): PrimeResult {
    const started = now();
    checkFits(r.prompt);
    const done = (reused: number, cached: number, finishReason: PrimeResult['finishReason']): PrimeResult => ({
      promptTokens: r.prompt.length,
      reusedTokens: reused,
      cachedTokens: cached,
      prefillMs: now() - started,
      finishReason,
    });
    // Already cached whole (in a slot that may hold more after it): nothing to read, nothing to move.
    const holder = slots.find((s) => commonPrefix(s.tokens, r.prompt) === r.prompt.length);
    if (holder) {
      holder.usedAt = ++clock;
      return done(r.prompt.length, r.prompt.length, 'stop');
    }
    const { slot, state, keep } = claim(r.prompt, r.prompt.length);
    const logits = read(r.prompt, slot, state, keep, r);
    return done(keep, state.tokens.length, logits ? 'stop' : 'aborted');
  }

  return {
    generate,
    prime,
    /** Forget every slot (after an error left the cache in an unknown state). */
    reset: () => slots.forEach((s) => ((s.tokens = []), (s.usedAt = 0))),
    /** What each slot holds, for tests and diagnostics. */
    get slots(): ReadonlyArray<Readonly<SlotState>> {
      return slots;
    },
  };
}

export type Session = ReturnType<typeof createSession>;
