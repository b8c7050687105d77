import type { EngineKind, GenerateRequest, GenerateStats, LoadProgress, ModelSpec, ReadingProgress } from '../messaging/protocol';

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
  /** Tokens `text` makes with the loaded model's tokenizer (engines that have one in reach). */
  countTokens?(text: string): Promise<number>;
  /** Free the model's memory. */
  unload(): Promise<void>;
}
