import type {
  BackendChoice,
  EngineKind,
  GenerateRequest,
  GenerateStats,
  HostState,
  HostStatus,
  LoadProgress,
  ModelSpec,
  WireError,
} from '../messaging/protocol';
import { AbortedError, NoModelError, toWireError } from '../messaging/errors';
import type { LlmEngine } from '../llm/engine';
import { createSerialQueue } from './serial-queue';

/** Where one generation's events go (the generate port, in the extension). */
export interface GenerationSink {
  queued(position: number): void;
  backend(backend: BackendChoice, model: ModelSpec): void;
  progress(progress: LoadProgress): void;
  token(text: string): void;
}

export interface LlmHostDeps {
  detectBackend(): Promise<BackendChoice>;
  createEngine(kind: EngineKind): LlmEngine;
}

/**
 * The model host: one engine instance for every caller, requests queued and never interleaved, the model
 * loaded on first use and kept loaded between uses.
 */
export function createLlmHost(deps: LlmHostDeps) {
  const queue = createSerialQueue();
  let backend: Promise<BackendChoice> | null = null;
  let engine: LlmEngine | null = null;
  let selected: ModelSpec | null = null;
  let state: HostState = 'idle';
  let lastError: WireError | undefined;
  let served = 0;
  let refused = 0;

  const detect = () => (backend ??= deps.detectBackend());

  async function status(): Promise<HostStatus> {
    return {
      backend: await detect(),
      state,
      model: selected,
      loadedModelId: engine?.loadedModelId ?? null,
      queued: queue.size,
      served,
      refused,
      lastError,
    };
  }

  async function engineFor(model: ModelSpec): Promise<LlmEngine> {
    if (engine && engine.kind !== model.engine) {
      await engine.unload();
      engine = null;
    }
    engine ??= deps.createEngine(model.engine);
    return engine;
  }

  async function runGeneration(request: GenerateRequest, sink: GenerationSink, signal: AbortSignal) {
    if (signal.aborted) throw new AbortedError('Stopped before it started.');
    const model = selected;
    if (!model) throw new NoModelError('No model is chosen yet. Open Hearth and pick a model.');
    sink.backend(await detect(), model);
    const current = await engineFor(model);
    if (current.loadedModelId !== model.id) {
      state = 'loading';
      await current.load(model, (p) => sink.progress(p));
    }
    state = 'generating';
    return current.generate(request, (t) => sink.token(t), signal);
  }

  function generate(request: GenerateRequest, sink: GenerationSink, signal: AbortSignal): Promise<GenerateStats> {
    sink.queued(queue.size);
    return queue.run(async () => {
      try {
        const stats = await runGeneration(request, sink, signal);
        served++;
        state = 'ready';
        lastError = undefined;
        return stats;
      } catch (err) {
        state = engine?.loadedModelId ? 'ready' : 'error';
        if (!(err instanceof AbortedError)) lastError = toWireError(err);
        throw err;
      }
    });
  }

  async function select(model: ModelSpec): Promise<HostStatus> {
    selected = model;
    return status();
  }

  async function unload(): Promise<HostStatus> {
    await queue.run(async () => {
      await engine?.unload();
      state = 'idle';
    });
    return status();
  }

  return {
    status,
    select,
    unload,
    generate,
    noteRefused() {
      refused++;
    },
  };
}

export type LlmHost = ReturnType<typeof createLlmHost>;
