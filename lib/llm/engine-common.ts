import type { GenerateStats, LoadedRuntime, LoadProgress, ModelSpec } from '../messaging/protocol';
import type { LlmEngine } from './engine';
import { GenerationError, ModelLoadError } from '../messaging/errors';

/** What every engine does the same way: reading its streamed answer, the GGUF file, and wording its failures. */

/** One piece of an OpenAI-style completion stream, as WebLLM and wllama both give. */
export interface CompletionChunk {
  choices: Array<{ text?: string; delta?: { content?: string | null }; finish_reason?: string | null }>;
}

export interface StreamReading<C> {
  /** When the first text arrived (`now()`'s clock), or null when none did. */
  firstTokenAt: number | null;
  /** Pieces of text passed on. */
  pieces: number;
  finish: Exclude<GenerateStats['finishReason'], 'aborted'>;
  /** The last chunk (it carries the usage and timings). */
  last: C | undefined;
}

/** Pass a completion stream's text to `onToken` as it comes, until it ends or `signal` aborts. */
export async function readCompletionStream<C extends CompletionChunk>(
  stream: AsyncIterable<C>,
  onToken: (text: string) => void,
  signal: AbortSignal,
  now: () => number,
): Promise<StreamReading<C>> {
  const out: StreamReading<C> = { firstTokenAt: null, pieces: 0, finish: 'stop', last: undefined };
  for await (const chunk of stream) {
    out.last = chunk;
    const choice = chunk.choices[0];
    const text = choice?.delta?.content ?? choice?.text ?? '';
    if (text) {
      out.firstTokenAt ??= now();
      out.pieces++;
      onToken(text);
    }
    if (choice?.finish_reason === 'length') out.finish = 'length';
    if (signal.aborted) break;
  }
  return out;
}

/** The error a user sees when an engine fails mid-answer. */
export const writingFailed = (err: unknown) => new GenerationError(`The model failed while writing: ${(err as Error)?.message ?? err}`);

/**
 * What the engines need from the GGUF cache (lib/llm/host/gguf-cache.ts provides it): said here, so the CPU engine
 * (lib/llm/cpu) does not import the host's folder, which imports it.
 */
export interface GgufFiles {
  /** The cached file, or null when it is not there. */
  open(url: string): Promise<Blob | null>;
  download(url: string, label: string, onProgress: (p: { loadedBytes: number; totalBytes: number }) => void, signal: AbortSignal): Promise<Blob>;
}

/** The GGUF file of `model`: from the local cache, or downloaded into it once (progress as the 'download' phase). */
export async function openOrDownloadGguf(
  cache: GgufFiles,
  model: ModelSpec,
  onProgress: (p: LoadProgress) => void,
): Promise<Blob> {
  return (
    (await cache.open(model.source)) ??
    (await cache.download(
      model.source,
      model.label,
      (p) => onProgress({ modelId: model.id, loadedBytes: p.loadedBytes, totalBytes: p.totalBytes, phase: 'download' }),
      new AbortController().signal,
    ))
  );
}

/** A CPU engine's load failure, in words: out of memory, or not a model it could read. */
export function ggufLoadFailed(model: ModelSpec, err: unknown): ModelLoadError {
  if (err instanceof ModelLoadError) return err;
  const message = (err as Error)?.message ?? String(err);
  if (/memory|allocat|OOM/i.test(message)) return new ModelLoadError(`${model.label} does not fit in memory here. Choose a smaller model.`);
  return new ModelLoadError(`${model.label} could not be loaded: ${message}. Is it a valid GGUF model?`);
}

/** A load that stopped making progress (the watchdog's error). */
export const loadStalled = (model: ModelSpec) =>
  new ModelLoadError(`Loading ${model.label} stopped making progress. Reload the extension and try again.`);

/**
 * The one model an engine holds and the runtime that runs it. Freeing forgets both before the runtime is freed, so a
 * request arriving meanwhile sees no model rather than a runtime being torn down.
 */
export function createModelSlot<R>(free: (runtime: R) => Promise<unknown>) {
  let held: { runtime: R; modelId: string } | null = null;
  return {
    get runtime(): R | null {
      return held?.runtime ?? null;
    },
    get modelId(): string | null {
      return held?.modelId ?? null;
    },
    /** The loaded runtime, for a generation: none loaded is a GenerationError. */
    loaded(): R {
      if (!held) throw new GenerationError('No model is loaded.');
      return held.runtime;
    },
    hold(runtime: R, modelId: string) {
      held = { runtime, modelId };
    },
    /** Forget the model without freeing its runtime (it is already gone, e.g. a lost GPU device). */
    forget() {
      held = null;
    },
    async free() {
      const old = held;
      held = null;
      if (old) await free(old.runtime).catch(() => {});
    },
  };
}

/**
 * An engine whose model lives in a model slot (createModelSlot): which model and runtime it holds come from the slot,
 * unloading frees it; `parts` load into it and generate with it.
 */
export function slotEngine<R>(
  kind: LlmEngine['kind'],
  runtime: LoadedRuntime['name'],
  slot: ReturnType<typeof createModelSlot<R>>,
  parts: Pick<LlmEngine, 'load' | 'generate'>,
): LlmEngine {
  return {
    kind,
    get loadedModelId() {
      return slot.modelId;
    },
    get loadedRuntime() {
      return slot.modelId ? { name: runtime } : null;
    },
    ...parts,
    unload: () => slot.free(),
  };
}
