import type { GenerateRequest, LoadProgress, ModelSpec, ReadingProgress } from '../../messaging/protocol';
import { AbortedError, ModelDownloadError, ModelLoadError, StorageQuotaError } from '../../messaging/errors';
import type { LlmEngine } from '../engine';
import type { GgufFiles } from '../engine-common';
import { readGgufHeaderFromBlob } from '../../gguf/read';
import { readModelConfig, UnsupportedModelError } from './model-config';

export interface CpuFirstEngineDeps {
  /** Hearth's own CPU engine (cpu-engine.ts). */
  cpu: LlmEngine;
  /** wllama: every GGUF llama.cpp runs. */
  fallback: LlmEngine;
  cache: Pick<GgufFiles, 'open'>;
  /** Told which engine took a model (logs, tests). */
  onChoice?(modelId: string, engine: 'cpu' | 'wllama', reason?: string): void;
}

/** Failures that are already what they are (the download, the disk, a cancel): passed on as they came. */
const speaksForItself = (err: unknown) => err instanceof ModelDownloadError || err instanceof StorageQuotaError || err instanceof AbortedError;

/**
 * Why Hearth's engine did not load a model: only a refusal (UnsupportedModelError: an architecture or a
 * quantization it does not read) sends the model to wllama. A crash, an out-of-memory or a bug is reported as what
 * it is, naming the model and the engine: hiding it behind a slower engine would hide a bug from the user and from us.
 */
function loadFailure(model: ModelSpec, err: unknown): Error {
  if (speaksForItself(err)) return err as Error;
  const message = (err as Error)?.message ?? String(err);
  return new ModelLoadError(`Hearth's CPU engine could not load ${model.label}: ${message}`);
}

/**
 * The CPU path: Hearth's engine for the GGUF models it runs (llama, qwen2 with the quantizations its kernels read),
 * wllama for the others (and only for those: see loadFailure). A cached file's header decides before any worker starts; otherwise the CPU engine
 * downloads, reads the header and refuses what it cannot run, and wllama takes the file from the cache.
 */
export function createCpuFirstEngine(deps: CpuFirstEngineDeps): LlmEngine {
  let active: LlmEngine | null = null;
  /** What Hearth's engine refused in the model wllama now holds. */
  let refused: string | undefined;

  async function headerSaysNo(model: ModelSpec): Promise<string | null> {
    const file = await deps.cache.open(model.source).catch(() => null);
    if (!file) return null;
    try {
      readModelConfig(await readGgufHeaderFromBlob(file));
      return null;
    } catch (err) {
      return err instanceof UnsupportedModelError ? err.message : null;
    }
  }

  async function unload() {
    const was = active;
    active = null;
    await was?.unload();
  }

  async function load(model: ModelSpec, onProgress: (p: LoadProgress) => void) {
    await unload();
    let reason = await headerSaysNo(model);
    if (reason === null) {
      try {
        await deps.cpu.load(model, onProgress);
        active = deps.cpu;
        deps.onChoice?.(model.id, 'cpu');
        return;
      } catch (err) {
        await deps.cpu.unload().catch(() => {});
        if (!(err instanceof UnsupportedModelError)) throw loadFailure(model, err);
        reason = err.message;
      }
    }
    await deps.fallback.load(model, onProgress);
    active = deps.fallback;
    refused = reason;
    deps.onChoice?.(model.id, 'wllama', reason);
  }

  return {
    kind: 'cpu',
    get loadedModelId() {
      return active?.loadedModelId ?? null;
    },
    get loadedRuntime() {
      const runtime = active?.loadedRuntime ?? null;
      return runtime && active === deps.fallback && refused ? { ...runtime, reason: refused } : runtime;
    },
    load,
    generate: (request: GenerateRequest, onToken: (text: string) => void, signal: AbortSignal, onReading?: (p: ReadingProgress) => void) =>
      (active ?? deps.cpu).generate(request, onToken, signal, onReading),
    /** Only while Hearth's CPU engine holds the model (wllama keeps no prompt cache between calls that it could fill). */
    get prime() {
      const engine = active;
      return engine?.prime ? engine.prime.bind(engine) : undefined;
    },
    get loadedContextTokens() {
      return active?.loadedContextTokens ?? null;
    },
    /** Only while an engine that has a tokenizer holds the model (wllama has none). */
    get countTokens() {
      const engine = active;
      return engine?.countTokens ? (text: string) => engine.countTokens!(text) : undefined;
    },
    unload,
  };
}
