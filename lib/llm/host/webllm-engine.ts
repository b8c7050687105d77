import type { GenerateStats, LoadProgress, ModelSpec } from '../../messaging/protocol';
import { DeviceLostError, ModelLoadError, WebGpuUnavailableError } from '../../messaging/errors';
import type { LlmEngine } from '../engine';
import { createModelSlot, readCompletionStream, slotEngine, writingFailed, type CompletionChunk } from '../engine-common';
import type { GpuLike } from './detect-backend';
import { generationOptions } from '../generation-defaults';
import type { VerifiedAppConfig } from './webllm-lib-source';

/** The slice of `@mlc-ai/web-llm` this engine uses; loaded with a dynamic import only where WebGPU works. */
export interface WebLlmModule {
  CreateMLCEngine(
    modelId: string,
    config: { appConfig?: unknown; initProgressCallback?: (r: { progress: number; text: string }) => void },
  ): Promise<WebLlmEngineLike>;
}
export interface WebLlmEngineLike {
  chat: { completions: { create(params: Record<string, unknown>): Promise<AsyncIterable<WebLlmChunk>> } };
  completions: { create(params: Record<string, unknown>): Promise<AsyncIterable<WebLlmChunk>> };
  interruptGenerate(): void | Promise<void>;
  unload(): Promise<void>;
}
export interface WebLlmChunk extends CompletionChunk {
  usage?: {
    prompt_tokens: number;
    completion_tokens: number;
    extra?: { prefill_tokens_per_s?: number; decode_tokens_per_s?: number; time_to_first_token_s?: number };
  } | null;
}

export interface WebLlmEngineDeps {
  gpu: GpuLike | undefined;
  importWebLlm(): Promise<WebLlmModule>;
  /** The model's library, verified against the lock before WebLLM sees it (lib/llm/host/webllm-lib-source.ts). */
  libs: { appConfigFor(model: ModelSpec): Promise<VerifiedAppConfig> };
  now?: () => number;
}

/**
 * WebLLM on WebGPU. WebLLM's `reload()` downloads the weights before it checks the GPU, so the adapter and
 * its features are checked here first: a user without WebGPU never waits for a download that cannot run.
 */
export function createWebLlmEngine(deps: WebLlmEngineDeps): LlmEngine {
  const now = deps.now ?? (() => performance.now());
  const slot = createModelSlot<WebLlmEngineLike>((engine) => engine.unload());

  async function assertGpuCanRun(model: ModelSpec) {
    const adapter = await deps.gpu?.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
    if (!adapter) {
      throw new WebGpuUnavailableError(
        `${model.label} needs WebGPU, which this browser cannot provide. Choose a CPU (GGUF) model instead.`,
      );
    }
    if (model.needsShaderF16 && !adapter.features.has('shader-f16')) {
      throw new WebGpuUnavailableError(
        `${model.label} needs the GPU feature 'shader-f16', which this GPU lacks. Choose the version without "f16".`,
      );
    }
  }

  async function load(model: ModelSpec, onProgress: (p: LoadProgress) => void) {
    await assertGpuCanRun(model);
    await slot.free();
    const total = model.sizeBytes ?? 0;
    // Refuses (ModelLibIntegrityError) a library with no pin or other bytes, before any weights are downloaded.
    const lib = await deps.libs.appConfigFor(model);
    let engine: WebLlmEngineLike;
    try {
      const webllm = await deps.importWebLlm();
      engine = await webllm.CreateMLCEngine(model.source, {
        appConfig: lib.appConfig,
        initProgressCallback: ({ progress }) =>
          onProgress({
            modelId: model.id,
            loadedBytes: Math.round(progress * total),
            totalBytes: total,
            phase: progress >= 1 ? 'init' : 'download',
          }),
      });
    } catch (err) {
      const message = (err as Error)?.message ?? String(err);
      if (/device.*lost|out of memory|OOM/i.test(message)) {
        throw new ModelLoadError(`${model.label} does not fit in this GPU's memory. Choose a smaller model.`);
      }
      throw new ModelLoadError(`${model.label} could not be loaded: ${message}`);
    } finally {
      lib.release();
    }
    slot.hold(engine, model.id);
  }

  const generate: LlmEngine['generate'] = async (request, onToken, signal) => {
    const current = slot.loaded();
    const { input, options = {} } = request;
    const common = {
      stream: true,
      stream_options: { include_usage: true },
      ...(({ maxTokens, temperature }) => ({ max_tokens: maxTokens, temperature }))(generationOptions(options)),
    };
    const onAbort = () => void current.interruptGenerate();
    signal.addEventListener('abort', onAbort, { once: true });
    const started = now();
    let firstTokenAt: number | null = null;
    let usage: WebLlmChunk['usage'];
    let finish: GenerateStats['finishReason'] = 'stop';
    try {
      const stream =
        input.kind === 'chat'
          ? await current.chat.completions.create({ ...common, messages: input.messages })
          : await current.completions.create({ ...common, prompt: input.prompt });
      // Usage comes in the last chunk (stream_options.include_usage); keep the latest one seen.
      const read = await readCompletionStream(withUsage(stream, (u) => (usage = u)), onToken, signal, now);
      firstTokenAt = read.firstTokenAt;
      finish = read.finish;
    } catch (err) {
      const message = (err as Error)?.message ?? String(err);
      if (/device.*lost|lost.*device/i.test(message)) {
        slot.forget();
        throw new DeviceLostError('The GPU was reset while writing.');
      }
      if (!signal.aborted) throw writingFailed(err);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    return {
      promptTokens: usage?.prompt_tokens ?? 0,
      completionTokens: usage?.completion_tokens ?? 0,
      timeToFirstTokenMs: firstTokenAt === null ? 0 : firstTokenAt - started,
      prefillTokensPerSec: usage?.extra?.prefill_tokens_per_s,
      decodeTokensPerSec: usage?.extra?.decode_tokens_per_s,
      finishReason: signal.aborted ? 'aborted' : finish,
    };
  };

  return slotEngine('webllm', 'webllm', slot, { load, generate });
}

/** The stream as it is, noting each chunk's usage on the way. */
async function* withUsage(stream: AsyncIterable<WebLlmChunk>, note: (u: WebLlmChunk['usage']) => void): AsyncIterable<WebLlmChunk> {
  for await (const chunk of stream) {
    if (chunk.usage) note(chunk.usage);
    yield chunk;
  }
}
