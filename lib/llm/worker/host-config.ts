import type { ChatSettings, HostStatus, ModelSpec } from '../../messaging/protocol';
import type { ModelStore } from '../model-store';
import { pickDefaultModel } from '../models';
import type { DeviceSpeed } from '../speed-estimate';
import { hostSettingsOf, type createSettingsStore } from '../settings';
import { validateModelSpec } from '../../messaging/validate-request';

export interface HostConfigDeps {
  models: Pick<ModelStore, 'selected' | 'select' | 'addCustom'>;
  settings: ReturnType<typeof createSettingsStore>;
  /** Make sure the offscreen host exists (and, when it was just created, that it got the configuration). */
  ensureHost(): Promise<unknown>;
  configure(settings: ReturnType<typeof hostSettingsOf>): Promise<HostStatus>;
  select(model: ModelSpec): Promise<HostStatus>;
  /** How fast this device's CPU runs the models (the host's short kernel run); undefined when it cannot tell. */
  deviceSpeed?(): Promise<DeviceSpeed | undefined>;
}

/**
 * The one owner of the host's configuration and of the chosen model. The offscreen host has no storage API, so
 * what the user chose lives in storage.local and reaches the host only from here: when a host is created, and when
 * the user changes it (the popup asks the worker; it never pushes host.configure or llm.select itself).
 */
export function createHostConfig(deps: HostConfigDeps) {
  return {
    /** A new host knows nothing yet: its settings, then the chosen model (the device's default on first run). */
    async configureNewHost(): Promise<HostStatus> {
      const status = await deps.configure(hostSettingsOf(await deps.settings.get()));
      // First run on a CPU device: the largest curated model that runs usably fast here, by a short measurement.
      const speed = status.backend.engine === 'cpu' ? await deps.deviceSpeed?.().catch(() => undefined) : undefined;
      const model = (await deps.models.selected()) ?? pickDefaultModel(status.backend, undefined, speed);
      return deps.select(model);
    },
    async selectModel(value: ModelSpec): Promise<HostStatus> {
      const model = validateModelSpec(value);
      if (model.custom) await deps.models.addCustom(model);
      await deps.models.select(model.id);
      await deps.ensureHost();
      return deps.select(model);
    },
    async saveSettings(next: ChatSettings): Promise<{ settings: ChatSettings; status: HostStatus }> {
      const settings = await deps.settings.set(next);
      await deps.ensureHost();
      return { settings, status: await deps.configure(hostSettingsOf(settings)) };
    },
  };
}
