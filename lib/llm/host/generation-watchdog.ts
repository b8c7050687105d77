import type { GenerateRequest, GenerateStats, ModelSpec, ReadingProgress } from '../../messaging/protocol';
import { GenerationStalledError } from '../../messaging/errors';
import { estimateTokensUpperBound, messagesTokensUpperBound } from '../../tokens/estimate';
import type { LlmEngine } from '../engine';
import { withStallTimeout } from '../stall-timeout';

/**
 * Between two tokens, or two reports of prompt reading: a working engine is far quicker (a decode step takes under a
 * second at the curated sizes, one prompt batch of a big model on a busy CPU a few seconds). Longer than the CPU
 * engine's own worker watchdog (60 s, worker-client.ts), so that engine's more precise error comes first.
 */
export const TOKEN_GAP_MS = 90_000;
/** The shortest wait for a first token: loading a prompt into a GPU or a slow CPU runtime has fixed costs. */
export const MIN_FIRST_TOKEN_MS = 120_000;
/** Prompt tokens a second assumed when this model's reading speed is not known yet: slower than any runtime Hearth has. */
const SLOWEST_READING_PER_SEC = 1;

/** Upper bound of a request's prompt in tokens (a byte a token): the bound must never be too short. */
export function promptTokensAtMost(request: GenerateRequest): number {
  const { input } = request;
  return input.kind === 'completion' ? estimateTokensUpperBound(input.prompt) : messagesTokensUpperBound(input.messages, 8);
}

/**
 * How long a generation may go without a first token: its prompt read at a quarter of the speed this model read at
 * last time (a busy machine), or at 1 token/s when that is not known, and never less than 2 minutes. Engines that
 * report their reading (Hearth's CPU engine) are held to TOKEN_GAP_MS between reports instead.
 */
export function firstTokenBoundMs(request: GenerateRequest, tokensPerSec?: number): number {
  const rate = tokensPerSec && tokensPerSec > 0 ? tokensPerSec / 4 : SLOWEST_READING_PER_SEC;
  return Math.max(MIN_FIRST_TOKEN_MS, (promptTokensAtMost(request) / rate) * 1000);
}

export interface WatchedGeneration {
  engine: LlmEngine;
  model: ModelSpec;
  request: GenerateRequest;
  onToken(text: string): void;
  onReading(progress: ReadingProgress): void;
  signal: AbortSignal;
  /** Last known reading speed of this model (tokens/s). */
  readingRate?: number;
  /** Test seams. */
  gapMs?: number;
  firstTokenMs?: number;
}

/**
 * `engine.generate`, failing with GenerationStalledError when it stops making progress: no first token within
 * firstTokenBoundMs, or nothing (token or reading report) for TOKEN_GAP_MS after that. The engine is told to stop;
 * the caller frees the model (a stuck runtime may never answer).
 */
export function generateWatched(g: WatchedGeneration): Promise<GenerateStats> {
  const gap = g.gapMs ?? TOKEN_GAP_MS;
  const stop = new AbortController();
  const signal = AbortSignal.any([g.signal, stop.signal]);
  return withStallTimeout(
    g.firstTokenMs ?? firstTokenBoundMs(g.request, g.readingRate),
    (touch) =>
      g.engine.generate(
        g.request,
        (text) => (touch(gap), g.onToken(text)),
        signal,
        (p) => {
          if (p.doneTokens > 0) touch(gap); // the engine reports its reading: it is held to the same gap as tokens
          g.onReading(p);
        },
      ),
    (ms) => {
      stop.abort();
      return new GenerationStalledError(
        `${g.model.label} made no progress for ${Math.round(ms / 1000)} s and was stopped; its memory is freed, and the next request loads it again.`,
      );
    },
  );
}
