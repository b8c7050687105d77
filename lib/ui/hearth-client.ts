import type { BackendChoice, GenerateRequest, HostStatus, ModelSpec, ModelState, PersistTarget } from '../messaging/protocol';
import { sendCommand, type RuntimeLike } from '../messaging/commands';
import { attachGeneration, streamGenerate, type GenerateHandlers } from '../messaging/stream-client';
import type { PortLike } from '../messaging/port';
import { createModelStore, type StorageAreaLike } from '../llm/model-store';
import { pickDefaultModel } from '../llm/models';
import { inspectGguf } from '../llm/inspect-gguf';
import { createSettingsStore, hostSettingsOf, type ChatSettings } from '../chat/settings';

export interface ClientDeps {
  runtime: Pick<RuntimeLike, 'sendMessage'> & { connect(info: { name: string }): PortLike };
  storage: StorageAreaLike;
  /** For reading the start of a GGUF file the user adds (default: the page's fetch). */
  fetch?: typeof fetch;
}

/** What an extension page (popup, side panel) uses to talk to the model host. */
export function createHearthClient({ runtime, storage, fetch: fetchFn = (...a) => fetch(...a) }: ClientDeps) {
  const store = createModelStore(storage);
  const settingsStore = createSettingsStore(storage);
  const host = <K extends Parameters<typeof sendCommand>[2]>(name: K, payload: Parameters<typeof sendCommand<K>>[3]) =>
    sendCommand(runtime, 'host', name, payload);
  // The host may have been closed since the page opened (Chrome, a crash): make sure it is there.
  const ensure = () => sendCommand(runtime, 'background', 'host.ensure', undefined);
  const connectPort = (info: { name: string }) => runtime.connect(info) as never;
  const firstRunSpeed = async (backend: BackendChoice) =>
    backend.engine === 'wasm' ? ((await host('llm.speeds', { measure: true }).catch(() => null))?.device ?? undefined) : undefined;

  return {
    async connect(): Promise<{ status: HostStatus; models: ModelSpec[]; selected: ModelSpec; settings: ChatSettings }> {
      await ensure();
      const settings = await settingsStore.get();
      let status = await host('host.configure', hostSettingsOf(settings));
      // First run on a CPU device: offer the largest model that runs usably fast here (a short measurement).
      const selected = (await store.selected()) ?? pickDefaultModel(status.backend, undefined, await firstRunSpeed(status.backend));
      if (status.model?.id !== selected.id) status = await host('llm.select', { model: selected });
      return { status, models: await store.allModels(), selected, settings };
    },
    async select(model: ModelSpec): Promise<HostStatus> {
      if (model.custom) await store.addCustom(model);
      await store.select(model.id);
      await ensure();
      return host('llm.select', { model });
    },
    async saveSettings(next: ChatSettings): Promise<{ settings: ChatSettings; status: HostStatus }> {
      const settings = await settingsStore.set(next);
      await ensure();
      return { settings, status: await host('host.configure', hostSettingsOf(settings)) };
    },
    models: () => store.allModels(),
    /** How fast models run here (`measure`: run the device measurement if it never ran). */
    speeds: (measure = false) => host('llm.speeds', { measure }),
    /** Check an added model's file before keeping it: refuses what is not GGUF, reads its context and size. */
    inspectModel: (model: ModelSpec) => inspectGguf(model, fetchFn),
    modelStates: (models: ModelSpec[]): Promise<ModelState[]> => host('models.list', { models }),
    download: (model: ModelSpec) => ensure().then(() => host('models.download', { model })),
    cancelDownload: (model: ModelSpec) => host('models.cancel', { model }),
    deleteModel: (model: ModelSpec) => host('models.delete', { model }),
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
