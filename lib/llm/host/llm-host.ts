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
  PrimeProgress,
  ReadingProgress,
} from '../../messaging/protocol';
import { BusyError } from '../../messaging/errors';
import type { LlmEngine } from '../engine';
import { createSerialQueue } from './serial-queue';
import { createModelHolder, type ModelHolder } from './model-holder';
import { createPrimeLane } from './prime-lane';
import { createPrimeProgress, type PrimeProgressBook } from './prime-progress';
import { recordGeneration, type HostBook } from './run-generation';
import type { GenerationSink } from './run-generation';

export type { GenerationSink };


export interface LlmHostDeps {
  detectBackend(preference: EnginePreference): Promise<BackendChoice>;
  createEngine(kind: EngineKind): LlmEngine;
  /** The page's heap, where the browser tells it. */
  memory?: () => HostStatus['memory'];
  /** Told of every finished answer (the speed book records real decode speeds). */
  onGenerated?(model: ModelSpec, stats: GenerateStats): void;
  /** Prompt tokens a second this model read last time: lets a view estimate the time left when the engine is silent. */
  readingRate?(modelId: string): number | undefined;
  /**
   * Can `model` be loaded with nothing downloaded (its file is in the local cache)? Then a prime may load it: the
   * user opened Ask, so the model will be wanted, and only the idle unload had freed it. Absent: a prime never loads.
   */
  loadsWithoutDownload?(model: ModelSpec): Promise<boolean>;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** Shorter stall bounds, for tests (generation-watchdog.ts has the real ones). */
  watchdog?: { gapMs?: number; firstTokenMs?: number };
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
 * loaded on first use, kept loaded between uses and freed after a few idle minutes. Prompts primed ahead of a
 * question (`prime`) are read in a background lane that any user request preempts (prime-lane.ts).
 */
export function createLlmHost(deps: LlmHostDeps) {
  const queue = createSerialQueue();
  const book: HostBook = { served: 0, refused: 0, busy: 0 };
  let settings = DEFAULT_HOST_SETTINGS;
  let backend: Promise<BackendChoice> | null = null;
  const detect = () => (backend ??= deps.detectBackend(settings.enginePreference));
  const models = createModelHolder({ ...deps, idleMinutes: () => settings.idleUnloadMinutes, onIdle: () => void unload() });
  let primeReadTokens = 0;
  const progress = createPrimeProgress();
  const primes = createPrimeLane({
    canStart: () => queue.size === 0,
    run: (request, signal, key) => primeNow(models, request, signal, { progress, key, onRead: (read) => (primeReadTokens += read) }),
  });

  /** A user request's turn on the engine: it preempts a running prime and waits for it to let go first. */
  function userTurn<T>(task: () => Promise<T>, onPlace?: (ahead: number) => void): Promise<T> {
    models.stopIdleTimer();
    primes.preempt();
    const turn = queue.run(async () => (await primes.settled(), task()), onPlace);
    void turn.catch(() => {}).then(() => primes.kick());
    return turn;
  }

  async function status(): Promise<HostStatus> {
    const { served, refused, busy, lastError } = book;
    const primed = primes.finished;
    return { backend: await detect(), state: models.state, model: models.spec, loadedModelId: models.engine?.loadedModelId ?? null, runtime: models.engine?.loadedRuntime ?? null, queued: queue.size, served, refused, busy, lastError, primed, primeReadTokens, memory: deps.memory?.() };
  }

  function generate(request: GenerateRequest, sink: GenerationSink, signal: AbortSignal): Promise<GenerateStats> {
    if (queue.size >= MAX_QUEUED_GENERATIONS) {
      book.busy++;
      return Promise.reject(new BusyError(`Hearth is busy: ${queue.size} requests are already waiting for the model. Try again when they have finished.`));
    }
    const run = () => recordGeneration({ models, detect, readingRate: deps.readingRate, onGenerated: deps.onGenerated, book, watchdog: deps.watchdog }, request, sink, signal);
    return stopWaitingOnAbort(signal, (started) => userTurn(() => (started(), signal.aborted ? Promise.resolve(STOPPED_WAITING) : run()), (ahead) => sink.queued(ahead)));
  }

  /** Load a model without generating (the model manager's "download" for WebGPU models). */
  const preload = (model: ModelSpec, onProgress: (p: LoadProgress) => void): Promise<void> => userTurn(() => loadModel(models, model, onProgress));

  /** Tokens in `text` by the loaded model's tokenizer, or null (no model loaded, or an engine without one). */
  async function countTokens(text: string): Promise<number | null> {
    const current = models.engine;
    if (!current?.loadedModelId || !current.countTokens) return null;
    // The engine answers one call at a time: a prime reading a long page would hold the count up.
    primes.preempt();
    return current.countTokens(text);
  }

  /**
   * Read a prompt into the engine's cache in the background (`llm.prime`). When the chosen model is not loaded, it
   * is loaded first only if that downloads nothing (`loadsWithoutDownload`); a load already under way is waited for.
   */
  async function prime(request: GenerateRequest, key: string): Promise<{ accepted: boolean }> {
    if (!models.loadedChosen && !(await warmUp())) return { accepted: false };
    if (!models.loadedChosen?.prime) return { accepted: false };
    progress.offered(key, models.loadedChosen.loadedModelId!);
    primes.offer(key, request);
    return { accepted: true };
  }

  /** How far the latest prime of `key` is read, on the model loaded now (`llm.primeProgress`). */
  function primeProgress(key: string): PrimeProgress | null {
    const id = models.engine?.loadedModelId ?? null;
    return progress.get(key, id, id ? deps.readingRate?.(id) : undefined);
  }

  const warmUp = createWarmUp(models, deps.loadsWithoutDownload, preload);

  async function configure(next: HostSettings): Promise<HostStatus> {
    if (next.enginePreference !== settings.enginePreference) backend = null;
    settings = { ...next };
    models.armIdleUnload();
    return status();
  }

  async function unload(): Promise<HostStatus> {
    await userTurn(() => models.unload());
    return status();
  }

  const select = async (model: ModelSpec) => (models.select(model), status());
  return { status, select, configure, unload, generate, preload, countTokens, prime, primeProgress, noteRefused: () => void book.refused++ };
}

/** Load `model` in the queue's turn; a failed load leaves the host in `error` (never `loading` for ever). */
async function loadModel(models: ModelHolder, model: ModelSpec, onProgress: (p: LoadProgress) => void): Promise<void> {
  try {
    await models.ensureLoaded(model, onProgress);
    models.state = 'ready';
  } catch (err) {
    models.failed();
    throw err;
  } finally {
    models.armIdleUnload();
  }
}

/** Load the chosen model for a prime when that downloads nothing; resolves true once it is loaded (one load at a time). */
function createWarmUp(models: ModelHolder, loadsWithoutDownload: LlmHostDeps['loadsWithoutDownload'], preload: (m: ModelSpec, p: (p: LoadProgress) => void) => Promise<void>) {
  let warming: Promise<boolean> | null = null;
  return (): Promise<boolean> => {
    const model = models.selected;
    if (!model || !loadsWithoutDownload) return Promise.resolve(false);
    warming ??= loadsWithoutDownload(model)
      .then((quiet) => quiet && preload(model, () => {}).then(() => models.loadedChosen !== null))
      .catch(() => false)
      .finally(() => (warming = null));
    return warming;
  };
}

/** Stop takes effect at once, even for an answer still waiting for its turn: its place is simply given up. */
function stopWaitingOnAbort(signal: AbortSignal, queueIt: (started: () => void) => Promise<GenerateStats>): Promise<GenerateStats> {
  let started = false;
  const turn = queueIt(() => void (started = true));
  return new Promise<GenerateStats>((resolve, reject) => {
    const stopWaiting = () => !started && resolve(STOPPED_WAITING);
    signal.addEventListener('abort', stopWaiting, { once: true });
    turn.then(resolve, reject).finally(() => signal.removeEventListener('abort', stopWaiting));
  });
}

/** A prime's turn in the background lane: only on the chosen model, already loaded, on an engine that primes. */
async function primeNow(models: ModelHolder, request: GenerateRequest, signal: AbortSignal, book: { progress: PrimeProgressBook; key: string; onRead: (tokens: number) => void }): Promise<boolean> {
  const engine = models.loadedChosen;
  if (!engine?.prime || !engine.loadedModelId || signal.aborted) return false;
  const { progress, key, onRead } = book;
  progress.started(key, engine.loadedModelId);
  const outcome = await engine.prime(request, signal, (p) => progress.read(key, p.doneTokens, p.totalTokens));
  // A prompt the cache already held whole is not read, so no batch reported it (a summary's follow-up, asked again).
  if (outcome.promptTokens) progress.read(key, outcome.cachedTokens ?? 0, outcome.promptTokens);
  models.armIdleUnload(); // the user is about to ask: keep the model a little longer
  onRead(Math.max(0, (outcome.cachedTokens ?? outcome.promptTokens ?? 0) - (outcome.reusedTokens ?? 0)));
  return outcome.primed && outcome.finishReason === 'stop';
}

export type LlmHost = ReturnType<typeof createLlmHost>;
