import type { DownloadState, LoadProgress, ModelSpec, ModelState } from '../../messaging/protocol';
import { BadRequestError, toWireError } from '../../messaging/errors';
import type { GgufCache } from './gguf-cache';

/** WebLLM's own cache, reached only where WebGPU works (importing WebLLM costs ~0.8 s). */
export interface WebLlmCacheLike {
  has(modelId: string): Promise<boolean>;
  remove(modelId: string): Promise<void>;
}

export interface ModelManagerDeps {
  gguf: Pick<GgufCache, 'meta' | 'download' | 'remove'>;
  webllmCache(): Promise<WebLlmCacheLike | null>;
  /** Is Chrome's built-in model on this device (its availability() says 'available')? Absent: not known. */
  builtinReady?(): Promise<boolean>;
  /** WebLLM downloads by loading: the host does that through its queue. */
  preload(model: ModelSpec, onProgress: (p: LoadProgress) => void): Promise<void>;
  now?: () => number;
}

/**
 * The host side of the model manager: what is cached, downloads with progress that go on while the popup
 * is closed (the popup polls `list`), cancel and delete.
 */
export function createModelManager(deps: ModelManagerDeps) {
  const now = deps.now ?? (() => Date.now());
  const downloads = new Map<string, DownloadState & { controller: AbortController }>();
  const publicState = (id: string): DownloadState | undefined => {
    const d = downloads.get(id);
    if (!d) return undefined;
    const { controller: _c, ...rest } = d;
    return rest;
  };

  async function stateOf(model: ModelSpec): Promise<ModelState> {
    const download = publicState(model.id);
    if (model.engine === 'cpu') {
      const meta = await deps.gguf.meta(model.source);
      return { modelId: model.id, cached: meta !== null, sizeOnDiskBytes: meta?.sizeBytes, download };
    }
    if (model.engine === 'builtin') {
      // Chrome's model: nothing of Hearth's on disk. "Not there" is left unknown, so no view offers a Hearth download.
      const ready = await deps.builtinReady?.().catch(() => false);
      return { modelId: model.id, cached: ready ? true : 'unknown', download };
    }
    const cache = await deps.webllmCache().catch(() => null);
    return { modelId: model.id, cached: cache ? await cache.has(model.source).catch(() => false) : 'unknown', download };
  }

  function download(model: ModelSpec): void {
    if (downloads.get(model.id)?.state === 'running') return;
    const entry = { state: 'running' as const, loadedBytes: 0, totalBytes: model.sizeBytes ?? 0, bytesPerSec: 0, controller: new AbortController() };
    downloads.set(model.id, entry);
    const started = now();
    const update = (loaded: number, total: number, perSec?: number) => {
      Object.assign(entry, { loadedBytes: loaded, totalBytes: total, bytesPerSec: perSec ?? loaded / Math.max(0.001, (now() - started) / 1000) });
    };
    const run =
      model.engine === 'cpu'
        ? deps.gguf.download(model.source, model.label, (p) => update(p.loadedBytes, p.totalBytes, p.bytesPerSec), entry.controller.signal)
        : deps.preload(model, (p) => update(p.loadedBytes, p.totalBytes));
    run.then(
      () => Object.assign(entry, { state: 'done' }),
      (err) => {
        const error = toWireError(err);
        Object.assign(entry, { state: error.code === 'aborted' ? 'cancelled' : 'failed', error });
      },
    );
  }

  return {
    list: (models: ModelSpec[]) => Promise.all(models.map(stateOf)),
    async download(model: ModelSpec): Promise<ModelState> {
      download(model);
      return stateOf(model);
    },
    async cancel(model: ModelSpec): Promise<ModelState> {
      const d = downloads.get(model.id);
      if (model.engine !== 'cpu' && d?.state === 'running') {
        throw new BadRequestError('A WebGPU model download cannot be cancelled once started; it will finish in the background.');
      }
      d?.controller.abort();
      return stateOf(model);
    },
    async remove(model: ModelSpec): Promise<ModelState> {
      downloads.get(model.id)?.controller.abort();
      downloads.delete(model.id);
      if (model.engine === 'cpu') await deps.gguf.remove(model.source);
      else if (model.engine === 'builtin') throw new BadRequestError("Chrome's built-in model belongs to Chrome: chrome://on-device-internals manages it.");
      else await (await deps.webllmCache())?.remove(model.source);
      return stateOf(model);
    },
  };
}

export type ModelManager = ReturnType<typeof createModelManager>;
