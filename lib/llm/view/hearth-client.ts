import type { BackendChoice, DownloadCheck, GenerateRequest, HostStatus, ModelSpec, ModelState, PersistTarget } from '../../messaging/protocol';
import { sendCommand, type RuntimeLike } from '../../messaging/commands';
import { attachGeneration, streamGenerate, type GenerateHandlers } from '../../messaging/stream-client';
import type { PortLike } from '../../messaging/port';
import { createModelStore, type StorageAreaLike } from '../model-store';
import { inspectGguf } from '../inspect-gguf';
import { judgeDownload } from '../download-check';
import { createSettingsStore, type ChatSettings } from '../settings';

export interface ClientDeps {
  runtime: Pick<RuntimeLike, 'sendMessage'> & { connect(info: { name: string }): PortLike };
  storage: StorageAreaLike;
  /** For reading the start of a GGUF file the user adds (default: the page's fetch). */
  fetch?: typeof fetch;
}

/**
 * What an extension page (popup, side panel) uses to talk to the model host. It reads the user's choices but never
 * pushes them to the host: the worker owns the chosen model and the host settings (lib/llm/worker/host-config.ts).
 */
export function createHearthClient({ runtime, storage, fetch: fetchFn = (...a) => fetch(...a) }: ClientDeps) {
  const store = createModelStore(storage);
  const settingsStore = createSettingsStore(storage);
  const host = <K extends Parameters<typeof sendCommand>[2]>(name: K, payload: Parameters<typeof sendCommand<K>>[3]) =>
    sendCommand(runtime, 'host', name, payload);
  // The host may have been closed since the page opened (Chrome, a crash): make sure it is there.
  const ensure = () => sendCommand(runtime, 'background', 'host.ensure', undefined);
  const connectPort = (info: { name: string }) => runtime.connect(info) as never;

  return {
    /** The host as it is (the worker configures a new one before host.ensure answers); its model is the chosen one. */
    async connect(): Promise<{ status: HostStatus; models: ModelSpec[]; settings: ChatSettings }> {
      await ensure();
      const [status, models, settings] = await Promise.all([host('llm.status', undefined), store.allModels(), settingsStore.get()]);
      return { status, models, settings };
    },
    /** The host's status now (its model carries the context the engine chose, once loaded). */
    status: (): Promise<HostStatus> => host('llm.status', undefined),
    select: (model: ModelSpec): Promise<HostStatus> => sendCommand(runtime, 'background', 'model.select', { model }),
    saveSettings: (next: ChatSettings) => sendCommand(runtime, 'background', 'settings.save', next),
    models: () => store.allModels(),
    /** How fast models run here (`measure`: run the device measurement if it never ran). */
    speeds: (measure = false) => host('llm.speeds', { measure }),
    /** Check an added model's file before keeping it: refuses what is not GGUF, reads its context and size. */
    inspectModel: (model: ModelSpec) => inspectGguf(model, fetchFn),
    modelStates: (models: ModelSpec[]): Promise<ModelState[]> => host('models.list', { models }),
    download: (model: ModelSpec) => ensure().then(() => host('models.download', { model })),
    /**
     * The re-check before any download from an extension page (lib/llm/download-check.ts judgeDownload): the device
     * measured again (the host keeps the stored figure unless the new one is clearly faster), and whether `model`
     * suits it. `chosenByUser` defaults to whether the user ever chose a model (only Hearth's own pick moves up).
     */
    async recheckDownload(model: ModelSpec, chosenByUser?: boolean): Promise<DownloadCheck> {
      await ensure();
      const [speeds, status, chosen, models] = await Promise.all([
        host('llm.speeds', { recheck: true }), host('llm.status', undefined), store.selected(), store.allModels(),
      ]);
      return judgeDownload(model, models, status.backend, speeds, chosenByUser ?? chosen !== null);
    },
    cancelDownload: (model: ModelSpec) => host('models.cancel', { model }),
    deleteModel: (model: ModelSpec) => host('models.delete', { model }),
    /**
     * Read `request`'s prompt into the model's cache before the user asks (background priority; see `llm.prime`).
     * `accepted` is false when the engine cannot (no model loaded yet, WebLLM): nothing is loaded for a prime.
     */
    prime: (request: GenerateRequest, key: string) => host('llm.prime', { request, key }),
    /** How far the latest prime of `key` is read (null: none taken on the model loaded now). */
    primeProgress: (key: string) => host('llm.primeProgress', { key }),
    /** An answer that goes on and is saved even if the page closes; re-attach with `attach`. */
    async startJob(request: GenerateRequest, jobId: string, persist: PersistTarget, handlers: GenerateHandlers) {
      await ensure();
      return streamGenerate(connectPort, request, handlers, { jobId, persist });
    },
    attach(jobId: string, handlers: GenerateHandlers & { onSnapshot(text: string): void }) {
      return attachGeneration(connectPort, jobId, handlers);
    },
  };
}

export type HearthClient = ReturnType<typeof createHearthClient>;
