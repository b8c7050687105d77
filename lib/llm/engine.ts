import type { EngineKind, GenerateRequest, GenerateStats, LoadedRuntime, LoadProgress, ModelSpec, ReadingProgress } from '../messaging/protocol';

/** What a prime did: whether it ran, and how much of its prompt is now cached. */
export interface PrimeOutcome {
  primed: boolean;
  promptTokens?: number;
  /** Prompt tokens the cache already held before this prime. */
  reusedTokens?: number;
  /** Prompt tokens now cached (all of them unless it was stopped). */
  cachedTokens?: number;
  finishReason?: 'stop' | 'aborted';
}

/**
 * A local language model runtime. The offscreen host holds one at a time and never runs two calls at once;
 * callers cannot tell which runtime answers.
 */
export interface LlmEngine {
  readonly kind: EngineKind;
  /** The model now in memory, if any. */
  readonly loadedModelId: string | null;
  /** Download (or take from the local cache) and load `model`, replacing any model loaded before. */
  load(model: ModelSpec, onProgress: (progress: LoadProgress) => void): Promise<void>;
  /**
   * Stream one answer. Aborting `signal` stops at once; the text so far stands and stats say 'aborted'.
   * `onReading` is called after each batch of prompt tokens read (engines without prompt progress call it once
   * with the prompt's size if they know it, or never). A prompt longer than the context throws ContextOverflowError.
   */
  generate(
    request: GenerateRequest,
    onToken: (text: string) => void,
    signal: AbortSignal,
    onReading?: (progress: ReadingProgress) => void,
  ): Promise<GenerateStats>;
  /**
   * Read `request`'s prompt (rendered as `generate` would) into the engine's cache without generating, so a later
   * prompt that starts with it reads only the rest. Aborting `signal` stops it at its next prompt batch; what was
   * read stays cached. Resolves false when it could not prime (no model loaded). Engines without a prompt cache
   * leave it out.
   */
  prime?(request: GenerateRequest, signal: AbortSignal, onReading?: (progress: ReadingProgress) => void): Promise<PrimeOutcome>;
  /** Which runtime holds the loaded model (null when none is loaded). */
  readonly loadedRuntime?: LoadedRuntime | null;
  /** The context the loaded model really has, in tokens (it may differ from the spec's: chosen at load). */
  readonly loadedContextTokens?: number | null;
  /** Tokens `text` makes with the loaded model's tokenizer (engines that have one in reach). */
  countTokens?(text: string): Promise<number>;
  /** Free the model's memory. */
  unload(): Promise<void>;
}
