import type {
  BackendChoice,
  EngineKind,
  EnginePreference,
  GenerateRequest,
  GenerateStats,
  HostSettings,
  HostState,
  HostStatus,
  LoadProgress,
  ModelSpec,
  ReadingProgress,
  WireError,
} from '../../messaging/protocol';
import { AbortedError, BusyError, DeviceLostError, NoModelError, toWireError } from '../../messaging/errors';
import type { LlmEngine } from '../engine';
import { createSerialQueue } from './serial-queue';

/** Where one generation's events go (the generate port, in the extension). */
export interface GenerationSink {
  queued(position: number): void;
  backend(backend: BackendChoice, model: ModelSpec): void;
  progress(progress: LoadProgress): void;
  /** The loaded model reading the prompt (optional: sinks that show no progress leave it out). */
  reading?(progress: ReadingProgress): void;
  token(text: string): void;
}

export interface LlmHostDeps {
  detectBackend(preference: EnginePreference): Promise<BackendChoice>;
  createEngine(kind: EngineKind): LlmEngine;
  /** The page's heap, where the browser tells it. */
  memory?: () => HostStatus['memory'];
  /** Told of every finished answer (the speed book records real decode speeds). */
  onGenerated?(model: ModelSpec, stats: GenerateStats): void;
  /** Prompt tokens a second this model read last time: lets a view estimate the time left when the engine is silent. */
  readingRate?(modelId: string): number | undefined;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/**
 * Generations that may wait for the engine at once. One more is refused at once with a clear message: a page or a
 * stuck caller cannot pile up work (and memory) without bound. Model preloads and unloads (Hearth's own pages, one
 * per click) wait in the same queue and count toward its size, but are never refused.
 */
export const MAX_QUEUED_GENERATIONS = 32;

const STOPPED_WAITING: GenerateStats = { promptTokens: 0, completionTokens: 0, timeToFirstTokenMs: 0, finishReason: 'aborted' };

export const DEFAULT_HOST_SETTINGS: HostSettings = { enginePreference: 'auto', idleUnloadMinutes: 5 };

/**
 * The model host: one engine instance for every caller, requests queued and never interleaved, the model
 * loaded on first use, kept loaded between uses and freed after a few idle minutes.
 */
export function createLlmHost(deps: LlmHostDeps) {
  const queue = createSerialQueue();
  const later = deps.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = deps.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let settings = DEFAULT_HOST_SETTINGS;
  let backend: Promise<BackendChoice> | null = null;
  let engine: LlmEngine | null = null;
  let selected: ModelSpec | null = null;
  let state: HostState = 'idle';
  let lastError: WireError | undefined;
  let served = 0;
  let refused = 0;
  let busy = 0;
  let idleTimer: unknown = null;

  const detect = () => (backend ??= deps.detectBackend(settings.enginePreference));

  async function status(): Promise<HostStatus> {
    return {
      backend: await detect(),
      state,
      model: selected,
      loadedModelId: engine?.loadedModelId ?? null,
      queued: queue.size,
      served,
      refused,
      busy,
      lastError,
      memory: deps.memory?.(),
    };
  }

  function armIdleUnload() {
    if (idleTimer !== null) cancel(idleTimer);
    idleTimer = null;
    if (settings.idleUnloadMinutes > 0 && engine?.loadedModelId) {
      idleTimer = later(() => void unload(), settings.idleUnloadMinutes * 60_000);
    }
  }

  async function engineFor(model: ModelSpec): Promise<LlmEngine> {
    if (engine && engine.kind !== model.engine) {
      await engine.unload();
      engine = null;
    }
    engine ??= deps.createEngine(model.engine);
    return engine;
  }

  /** Load `model` if it is not loaded; returns how long that took (undefined when it was already there). */
  async function ensureLoaded(model: ModelSpec, sink: GenerationSink): Promise<{ engine: LlmEngine; loadMs?: number }> {
    const current = await engineFor(model);
    if (current.loadedModelId === model.id) return { engine: current };
    state = 'loading';
    const started = performance.now();
    await current.load(model, (p) => sink.progress(p));
    return { engine: current, loadMs: performance.now() - started };
  }

  async function runGeneration(request: GenerateRequest, sink: GenerationSink, signal: AbortSignal) {
    const model = selected;
    if (!model) throw new NoModelError('No model is chosen yet. Open Hearth and pick a model.');
    sink.backend(await detect(), model);
    let { engine: current, loadMs } = await ensureLoaded(model, sink);
    const onReading = (p: ReadingProgress) => sink.reading?.(p);
    // The model is in memory: from here the wait is the prompt being read, whether or not the engine reports it.
    const rate = deps.readingRate?.(model.id);
    onReading({ doneTokens: 0, totalTokens: 0, ...(rate ? { tokensPerSec: rate } : {}) });
    state = 'generating';
    try {
      return { ...(await current.generate(request, (t) => sink.token(t), signal, onReading)), loadMs };
    } catch (err) {
      if (!(err instanceof DeviceLostError)) throw err;
      // The GPU was reset (driver update, another tab, sleep): reload the model and try once more.
      await current.unload();
      ({ engine: current, loadMs } = await ensureLoaded(model, sink));
      state = 'generating';
      return { ...(await current.generate(request, (t) => sink.token(t), signal, onReading)), loadMs };
    }
  }

  function generate(request: GenerateRequest, sink: GenerationSink, signal: AbortSignal): Promise<GenerateStats> {
    if (queue.size >= MAX_QUEUED_GENERATIONS) {
      busy++;
      return Promise.reject(
        new BusyError(`Hearth is busy: ${queue.size} requests are already waiting for the model. Try again when they have finished.`),
      );
    }
    if (idleTimer !== null) cancel(idleTimer);
    let started = false;
    const turn = queue.run(async () => {
      started = true;
      if (signal.aborted) return STOPPED_WAITING; // stopped while it waited: its place is simply given up
      try {
        const model = selected;
        const stats = await runGeneration(request, sink, signal);
        if (model) deps.onGenerated?.(model, stats);
        served++;
        state = 'ready';
        lastError = undefined;
        return stats;
      } catch (err) {
        state = engine?.loadedModelId ? 'ready' : 'error';
        if (!(err instanceof AbortedError)) lastError = toWireError(err);
        throw err;
      } finally {
        armIdleUnload();
      }
    }, (ahead) => sink.queued(ahead));
    // Stop takes effect at once, even for an answer still waiting for its turn.
    return new Promise<GenerateStats>((resolve, reject) => {
      const stopWaiting = () => !started && resolve(STOPPED_WAITING);
      signal.addEventListener('abort', stopWaiting, { once: true });
      turn.then(resolve, reject).finally(() => signal.removeEventListener('abort', stopWaiting));
    });
  }

  /** Load a model without generating (the model manager's "download" for WebGPU models). */
  function preload(model: ModelSpec, onProgress: (p: LoadProgress) => void): Promise<void> {
    return queue.run(async () => {
      const sink: GenerationSink = { queued() {}, backend() {}, progress: onProgress, token() {} };
      await ensureLoaded(model, sink);
      state = 'ready';
      armIdleUnload();
    });
  }

  /** Tokens in `text` by the loaded model's tokenizer, or null (no model loaded, or an engine without one). */
  async function countTokens(text: string): Promise<number | null> {
    const current = engine;
    if (!current?.loadedModelId || !current.countTokens) return null;
    return current.countTokens(text);
  }

  /** Read a prompt into the engine's cache ahead of a generation (`llm.prime`); no engine does it yet. */
  async function prime(_request: GenerateRequest, _key: string): Promise<{ accepted: boolean }> {
    return { accepted: false };
  }

  async function select(model: ModelSpec): Promise<HostStatus> {
    selected = model;
    return status();
  }

  async function configure(next: HostSettings): Promise<HostStatus> {
    if (next.enginePreference !== settings.enginePreference) backend = null;
    settings = { ...next };
    armIdleUnload();
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
    configure,
    unload,
    generate,
    preload,
    countTokens,
    prime,
    noteRefused() {
      refused++;
    },
  };
}

export type LlmHost = ReturnType<typeof createLlmHost>;
