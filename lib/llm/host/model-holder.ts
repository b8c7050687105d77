import type { EngineKind, HostState, LoadProgress, ModelSpec } from '../../messaging/protocol';
import type { LlmEngine } from '../engine';

export interface ModelHolderDeps {
  createEngine(kind: EngineKind): LlmEngine;
  /** Minutes without use before the model is freed (0 = never), read each time the timer is armed. */
  idleMinutes(): number;
  /** The idle time passed: the host unloads (through its queue, after any running request). */
  onIdle(): void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/**
 * The model host's one engine and the chosen model: which runtime holds it, loading on first use, the idle timer
 * that frees it. Callers run one call at a time (the host's queue); this part never queues.
 */
export function createModelHolder(deps: ModelHolderDeps) {
  const later = deps.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = deps.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let engine: LlmEngine | null = null;
  let selected: ModelSpec | null = null;
  let state: HostState = 'idle';
  let idleTimer: unknown = null;

  function stopIdleTimer() {
    if (idleTimer !== null) cancel(idleTimer);
    idleTimer = null;
  }

  function armIdleUnload() {
    stopIdleTimer();
    const minutes = deps.idleMinutes();
    if (minutes > 0 && engine?.loadedModelId) idleTimer = later(() => deps.onIdle(), minutes * 60_000);
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
  async function ensureLoaded(model: ModelSpec, onProgress: (p: LoadProgress) => void): Promise<{ engine: LlmEngine; loadMs?: number }> {
    const current = await engineFor(model);
    if (current.loadedModelId === model.id) return { engine: current };
    state = 'loading';
    const started = performance.now();
    await current.load(model, onProgress);
    return { engine: current, loadMs: performance.now() - started };
  }

  return {
    ensureLoaded,
    armIdleUnload,
    stopIdleTimer,
    /** A load or generation failed: the host is ready if the model is still there, else in error (never left loading). */
    failed() {
      state = engine?.loadedModelId ? 'ready' : 'error';
    },
    async unload() {
      await engine?.unload();
      state = 'idle';
    },
    /**
     * A stuck engine: asked to unload (which ends its workers and frees its memory) for at most `ms`, and forgotten
     * either way, so the next request starts a new runtime instead of waiting on the stuck one.
     */
    async discard(ms = 5_000) {
      const stuck = engine;
      engine = null;
      state = 'idle';
      if (stuck) await Promise.race([stuck.unload().catch(() => {}), new Promise((done) => later(() => done(undefined), ms))]);
    },
    select(model: ModelSpec) {
      selected = model;
    },
    get selected() {
      return selected;
    },
    /** The chosen model as the UI should size its prompts: with the context the engine really gave it, once loaded. */
    get spec(): ModelSpec | null {
      const context = engine?.loadedModelId === selected?.id ? engine?.loadedContextTokens : null;
      return selected && context ? { ...selected, contextTokens: context } : selected;
    },
    /** The engine, when it holds the chosen model (a prime uses only a model already there). */
    get loadedChosen(): LlmEngine | null {
      return engine?.loadedModelId && engine.loadedModelId === selected?.id ? engine : null;
    },
    get engine() {
      return engine;
    },
    get state() {
      return state;
    },
    set state(next: HostState) {
      state = next;
    },
  };
}

export type ModelHolder = ReturnType<typeof createModelHolder>;
