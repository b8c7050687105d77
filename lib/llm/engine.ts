import type { EngineKind, GenerateRequest, GenerateStats, LoadProgress, ModelSpec } from '../messaging/protocol';

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
  /** Stream one answer. Aborting `signal` stops at once; the text so far stands and stats say 'aborted'. */
  generate(request: GenerateRequest, onToken: (text: string) => void, signal: AbortSignal): Promise<GenerateStats>;
  /** Free the model's memory. */
  unload(): Promise<void>;
}
