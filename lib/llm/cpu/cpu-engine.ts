import type { GenerateRequest, GenerateStats, LoadProgress, ModelSpec, ReadingProgress } from '../../messaging/protocol';
import { AbortedError, ContextOverflowError, GenerationError } from '../../messaging/errors';
import { ggufLoadFailed, loadStalled, openOrDownloadGguf, writingFailed, type GgufFiles } from '../engine-common';
import type { LlmEngine, PrimeOutcome } from '../engine';
import { UnsupportedModelError } from './model-config';
import { withStallTimeout } from '../stall-timeout';
import { createCpuWorkerClient, CpuWorkerError, type WorkerLike } from './worker-client';
import type { CpuModelInfo } from './worker-protocol';

export interface CpuEngineDeps {
  /** Where GGUF files are kept (lib/llm/host/gguf-cache.ts): the same cache as the wllama engine. */
  cache: GgufFiles;
  /** A fresh worker running cpu-worker.ts (or, in Node tests, the same handler over a message channel). */
  createWorker(): WorkerLike;
  threads?: number;
  /** KV cache slots: prompts kept at once (a primed page, a chat, a summary in another tab). Default 3. */
  slots?: number;
  /** The device's memory in GB (navigator.deviceMemory): the context and slots are chosen from it (context-size.ts). */
  deviceMemoryGb?: () => number | undefined;
  /** Fail a load, or any request to the worker, that shows no progress for this long (the worker is then ended). */
  stallMs?: number;
  /** Which kernels and how many threads took the model (diagnostics). */
  onLoaded?(modelId: string, info: CpuModelInfo): void;
  now?: () => number;
}

/** The worker is gone (it crashed, or was ended for making no progress): the model must be loaded again. */
const gone = (err: unknown) => err instanceof CpuWorkerError && (err.kind === 'crashed' || err.kind === 'stalled');

/** Hearth's own llama-family engine on the CPU (WebAssembly SIMD kernels in a worker), for GGUF models. */
export const DEFAULT_KV_SLOTS = 3;

export function createCpuEngine(deps: CpuEngineDeps): LlmEngine {
  const now = deps.now ?? (() => performance.now());
  const client = createCpuWorkerClient(deps.createWorker, { stallMs: deps.stallMs });
  let loadedModelId: string | null = null;
  let loadedContextTokens: number | null = null;

  async function unload() {
    loadedModelId = null;
    loadedContextTokens = null;
    client.unload();
  }

  async function load(model: ModelSpec, onProgress: (p: LoadProgress) => void) {
    await unload();
    const file = await openOrDownloadGguf(deps.cache, model, onProgress);
    onProgress({ modelId: model.id, loadedBytes: 0, totalBytes: file.size, phase: 'init' });
    let info: CpuModelInfo;
    try {
      // A worker that stops answering (a kernel thread that never starts, a wedged read) must not hang the host.
      info = await withStallTimeout(
        deps.stallMs ?? 60_000,
        (touch) =>
          // A model's own count (the bench sets one so every engine it compares uses the same) wins over the default.
          client.load(file, model.contextTokens, model.threads ?? deps.threads ?? 1, (loaded, total) => {
            touch();
            onProgress({ modelId: model.id, loadedBytes: loaded, totalBytes: total, phase: 'init' });
          }, { slots: deps.slots ?? DEFAULT_KV_SLOTS, deviceMemoryGb: deps.deviceMemoryGb?.() }),
        () => loadStalled(model),
      );
      deps.onLoaded?.(model.id, info);
    } catch (err) {
      client.unload();
      // The caller may try another engine for this model.
      if (err instanceof CpuWorkerError && err.kind === 'unsupported') throw new UnsupportedModelError(err.message);
      throw ggufLoadFailed(model, err);
    }
    loadedModelId = model.id;
    loadedContextTokens = info.nCtx;
  }

  async function generate(
    request: GenerateRequest,
    onToken: (text: string) => void,
    signal: AbortSignal,
    onReading?: (progress: ReadingProgress) => void,
  ): Promise<GenerateStats> {
    if (!loadedModelId) throw new GenerationError('No model is loaded.');
    const started = now();
    let firstTokenAt: number | null = null;
    // The first report says how much of the prompt the KV cache already held; the rate counts what was read since.
    let readFrom: { done: number; at: number } | null = null;
    const onPromptProgress = (done: number, total: number) => {
      const at = now();
      readFrom ??= { done, at };
      const read = done - readFrom.done;
      const tokensPerSec = read > 0 && at > readFrom.at ? (read * 1000) / (at - readFrom.at) : undefined;
      onReading?.({ doneTokens: done, totalTokens: total, ...(tokensPerSec ? { tokensPerSec } : {}) });
    };
    try {
      const r = await client.generate(
        request,
        (text) => {
          firstTokenAt ??= now();
          onToken(text);
        },
        onPromptProgress,
        signal,
      );
      const read = r.promptTokens - r.reusedTokens;
      return {
        promptTokens: r.promptTokens,
        reusedTokens: r.reusedTokens,
        completionTokens: r.completionTokens,
        timeToFirstTokenMs: firstTokenAt === null ? 0 : firstTokenAt - started,
        prefillTokensPerSec: r.prefillMs > 0 && read > 0 ? (read * 1000) / r.prefillMs : undefined,
        decodeTokensPerSec: r.decodeMs > 0 && r.completionTokens > 1 ? ((r.completionTokens - 1) * 1000) / r.decodeMs : undefined,
        finishReason: signal.aborted ? 'aborted' : r.finishReason,
      };
    } catch (err) {
      if (signal.aborted || err instanceof AbortedError) {
        return { promptTokens: 0, completionTokens: 0, timeToFirstTokenMs: 0, finishReason: 'aborted' };
      }
      if (err instanceof CpuWorkerError && err.kind === 'context') throw new ContextOverflowError(err.message);
      if (gone(err)) loadedModelId = null;
      throw writingFailed(err);
    }
  }

  /** Read a prompt into the worker's KV cache (a free or least recently used slot); the host's abort stops it. */
  async function prime(request: GenerateRequest, signal: AbortSignal, onReading?: (progress: ReadingProgress) => void): Promise<PrimeOutcome> {
    if (!loadedModelId) return { primed: false };
    try {
      const r = await client.prime(request, (done, total) => onReading?.({ doneTokens: done, totalTokens: total }), signal);
      return { primed: true, promptTokens: r.promptTokens, reusedTokens: r.reusedTokens, cachedTokens: r.cachedTokens, finishReason: r.finishReason };
    } catch (err) {
      if (err instanceof CpuWorkerError && err.kind === 'context') throw new ContextOverflowError(err.message);
      if (gone(err)) loadedModelId = null;
      throw writingFailed(err);
    }
  }

  return {
    kind: 'cpu',
    get loadedModelId() {
      return loadedModelId;
    },
    get loadedRuntime() {
      return loadedModelId ? { name: 'hearth' as const } : null;
    },
    get loadedContextTokens() {
      return loadedContextTokens;
    },
    load,
    generate,
    prime,
    /** Counted by the model's own tokenizer, in the worker (after any generation it is running). */
    countTokens: async (text: string) => {
      if (!loadedModelId) throw new GenerationError('No model is loaded.');
      return client.count(text).catch((err: unknown) => {
        if (gone(err)) loadedModelId = null;
        throw err;
      });
    },
    unload,
  };
}
