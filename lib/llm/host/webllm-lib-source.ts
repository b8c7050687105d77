import type { ModelSpec } from '../../messaging/protocol';
import { ModelDownloadError, ModelLoadError } from '../../messaging/errors';
import { pinFor, verifyLib, type WebLlmLibLock } from '../webllm-libs';
import { configWithLib, libDownloadUrl, type VendoredLibs, type WebLlmModelRecord } from './webllm-app-config';

/** The slice of a Cache API cache this uses. */
export interface LibCache {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
}

export interface WebLlmLibSourceDeps {
  lock: WebLlmLibLock;
  /** WebLLM's catalogue (`prebuiltAppConfig.model_list`). */
  modelList(): Promise<readonly WebLlmModelRecord[]>;
  /** Libraries the build packaged (HEARTH_VENDOR_WEBLLM=1), or null. */
  vendored(): Promise<VendoredLibs | null>;
  packagedUrl(path: string): string;
  fetch: typeof fetch;
  /** Hearth's own store of verified libraries, so each downloads once. */
  cache(): Promise<LibCache>;
  objectUrl: { create(blob: Blob): string; revoke(url: string): void };
}

/** WebLLM's app config for one load, and what to free once WebLLM has read the library. */
export interface VerifiedAppConfig {
  appConfig: { model_list: WebLlmModelRecord[] };
  release(): void;
}

/**
 * WebLLM's model libraries, verified before WebLLM sees a byte. WebLLM would fetch and run a library from a moving
 * GitHub branch with no check; here Hearth reads it itself (from its cache, the package, or WebLLM's address),
 * refuses it unless it matches the lock (lib/llm/webllm-libs.ts), and hands WebLLM the verified bytes as an
 * object URL. A refused library is never cached, and a cached one is checked again on every load.
 */
export function createWebLlmLibSource(deps: WebLlmLibSourceDeps) {
  async function download(url: string, label: string): Promise<ArrayBuffer> {
    const response = await deps.fetch(url).catch((err: Error) => {
      throw new ModelDownloadError(`${label}'s WebGPU library could not be downloaded: ${err.message}`);
    });
    if (!response.ok) throw new ModelDownloadError(`${label}'s WebGPU library could not be downloaded (HTTP ${response.status}).`);
    return response.arrayBuffer();
  }

  async function appConfigFor(model: ModelSpec): Promise<VerifiedAppConfig> {
    const record = (await deps.modelList()).find((m) => m.model_id === model.source);
    if (!record) throw new ModelLoadError(`WebLLM has no model "${model.source}".`);
    // Refused before anything is downloaded: no pin, no library.
    const pin = pinFor(deps.lock, record.model_lib, record.model_id, model.label);
    const cache = await deps.cache();
    const cached = await cache.match(record.model_lib);
    let bytes = cached ? await cached.arrayBuffer() : null;
    if (bytes && (await verifyLib(bytes, pin, record.model_lib, model.label).then(() => false, () => true))) {
      await cache.delete(record.model_lib); // an older file, or one changed on disk: fetch it again
      bytes = null;
    }
    if (!bytes) {
      bytes = await download(libDownloadUrl(record, await deps.vendored(), deps.packagedUrl), model.label);
      await verifyLib(bytes, pin, record.model_lib, model.label);
      await cache.put(record.model_lib, new Response(bytes));
    }
    const url = deps.objectUrl.create(new Blob([bytes], { type: 'application/wasm' }));
    return { appConfig: configWithLib(record, url), release: () => deps.objectUrl.revoke(url) };
  }

  return {
    appConfigFor,
    /** Forget a model's library (with its weights, when the user deletes the model). */
    async forget(modelId: string) {
      const record = (await deps.modelList()).find((m) => m.model_id === modelId);
      if (record) await (await deps.cache()).delete(record.model_lib);
    },
  };
}

export type WebLlmLibSource = ReturnType<typeof createWebLlmLibSource>;
