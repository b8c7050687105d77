import type { LoadProgress, ModelSpec } from '../../messaging/protocol';
import { AbortedError, ContextOverflowError } from '../../messaging/errors';
import type { LlmEngine } from '../engine';
import { createModelSlot, ggufLoadFailed, slotEngine, loadStalled, openOrDownloadGguf, readCompletionStream, writingFailed, type CompletionChunk, type StreamReading } from '../engine-common';
import { withStallTimeout } from '../stall-timeout';
import { generationOptions } from '../generation-defaults';
import type { GgufCache } from './gguf-cache';

/** The slice of wllama's `Wllama` class this engine uses (a fake stands in for it in unit tests). */
export interface WllamaLike {
  loadModel(blobs: Blob[], params: Record<string, unknown>): Promise<void>;
  createChatCompletion(params: Record<string, unknown>): Promise<AsyncIterable<WllamaChunk>>;
  createCompletion(params: Record<string, unknown>): Promise<AsyncIterable<WllamaChunk>>;
  exit(): Promise<void>;
}
export interface WllamaChunk extends CompletionChunk {
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  timings?: { prompt_n?: number; cache_n?: number; prompt_per_second?: number; predicted_n?: number; predicted_per_second?: number };
}

export interface WllamaEngineDeps {
  /** A fresh runtime per model: wllama cannot load a second model into the same instance. */
  createWllama(): WllamaLike;
  /** Where GGUF files are kept (lib/llm/host/gguf-cache.ts): downloaded once, all or nothing. */
  cache: Pick<GgufCache, 'open' | 'download'>;
  /** Fail a load that shows no progress for this long. */
  stallMs?: number;
  now?: () => number;
}

/** llama.cpp's server refuses a prompt longer than the context with these words (wllama passes them on). */
const CONTEXT_OVERFLOW = /exceeds the available context size|exceed_context_size|larger than the max context size/i;

const isAbort = (err: unknown) => (err as Error)?.name === 'AbortError' || (err as Error)?.name === 'WllamaAbortError';

/** llama.cpp compiled to WebAssembly (wllama): runs GGUF models on the CPU, everywhere. */
export function createWllamaEngine(deps: WllamaEngineDeps): LlmEngine {
  const now = deps.now ?? (() => performance.now());
  const slot = createModelSlot<WllamaLike>((runtime) => runtime.exit());

  async function load(model: ModelSpec, onProgress: (p: LoadProgress) => void) {
    await slot.free();
    const file = await openOrDownloadGguf(deps.cache, model, onProgress);
    onProgress({ modelId: model.id, loadedBytes: file.size, totalBytes: file.size, phase: 'init' });
    const next = deps.createWllama();
    try {
      await withStallTimeout(
        deps.stallMs ?? 60_000,
        () =>
          next.loadModel([file], {
            n_ctx: model.contextTokens,
            n_gpu_layers: 0, // the Wasm engine is our CPU path; WebGPU devices get WebLLM
            ...(model.threads ? { n_threads: model.threads } : {}),
          }),
        () => loadStalled(model),
      );
    } catch (err) {
      await next.exit().catch(() => {});
      throw ggufLoadFailed(model, err);
    }
    slot.hold(next, model.id);
  }

  const generate: LlmEngine['generate'] = async (request, onToken, signal) => {
    const runtime = slot.loaded();
    const { input, options = {} } = request;
    const { temperature, maxTokens } = generationOptions(options);
    const common = {
      stream: true,
      max_tokens: maxTokens,
      temperature,
      // Temperature 0 means pure greedy decoding: no repetition penalties or other samplers reshaping the logits.
      ...(temperature === 0 ? { top_k: 1, penalty_repeat: 1, penalty_freq: 0, penalty_present: 0 } : {}),
      abortSignal: signal,
    };
    const started = now();
    let read: StreamReading<WllamaChunk> = { firstTokenAt: null, pieces: 0, finish: 'stop', last: undefined };
    try {
      if (signal.aborted) throw new AbortedError('Stopped.');
      const stream =
        input.kind === 'chat'
          ? await runtime.createChatCompletion({ ...common, messages: input.messages })
          : await runtime.createCompletion({ ...common, prompt: input.prompt });
      read = await readCompletionStream(stream, onToken, signal, now);
    } catch (err) {
      if (!(signal.aborted || isAbort(err) || err instanceof AbortedError)) {
        if (CONTEXT_OVERFLOW.test((err as Error)?.message ?? '')) {
          throw new ContextOverflowError(`This prompt is longer than ${slot.modelId ?? 'the model'}'s context. Send less text.`);
        }
        throw writingFailed(err);
      }
    }
    const { last, firstTokenAt, pieces } = read;
    return {
      // prompt_n counts only the tokens evaluated now; a prefix reused from the KV cache is in cache_n.
      promptTokens: Math.max(last?.usage?.prompt_tokens ?? 0, (last?.timings?.prompt_n ?? 0) + (last?.timings?.cache_n ?? 0)),
      completionTokens: last?.usage?.completion_tokens ?? last?.timings?.predicted_n ?? pieces,
      timeToFirstTokenMs: firstTokenAt === null ? 0 : firstTokenAt - started,
      prefillTokensPerSec: last?.timings?.prompt_per_second,
      decodeTokensPerSec: last?.timings?.predicted_per_second,
      finishReason: signal.aborted ? 'aborted' : read.finish,
    };
  };

  return slotEngine('cpu', 'wllama', slot, { load, generate });
}
