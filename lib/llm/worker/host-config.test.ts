import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { HostSettings, HostStatus, ModelSpec } from '../../messaging/protocol';
import { createModelStore } from '../model-store';
import { CURATED_MODELS } from '../models';
import { createSettingsStore, DEFAULT_SETTINGS } from '../settings';
import { BadRequestError } from '../../messaging/errors';
import { createHostConfig } from './host-config';

const custom: ModelSpec = { id: 'url:x', label: 'mine', engine: 'cpu', source: 'https://example.test/x.gguf', contextTokens: 2048, custom: true };

/** A host that records what it was told, in order. */
function setup() {
  const told: string[] = [];
  const host = { settings: null as HostSettings | null, model: null as ModelSpec | null };
  const status = (): HostStatus =>
    ({ backend: { engine: 'cpu', reason: 'no GPU' }, state: 'idle', model: host.model, loadedModelId: null, queued: 0, served: 0, refused: 0, busy: 0 });
  const models = createModelStore(fakeBrowser.storage.local);
  const settings = createSettingsStore(fakeBrowser.storage.local);
  const config = createHostConfig({
    models,
    settings,
    ensureHost: async () => told.push('ensure'),
    configure: async (s) => (told.push('configure'), (host.settings = s), status()),
    select: async (m) => (told.push(`select ${m.id}`), (host.model = m), status()),
  });
  return { config, told, host, models, settings };
}

describe('host config (the worker owns the chosen model and the host settings)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives a new host the stored settings, then the device default model on first run', async () => {
    const { config, told, host } = setup();
    const status = await config.configureNewHost();
    expect(told).toEqual(['configure', `select ${status.model!.id}`]);
    expect(host.settings).toEqual({ enginePreference: DEFAULT_SETTINGS.enginePreference, idleUnloadMinutes: DEFAULT_SETTINGS.idleUnloadMinutes });
    expect(CURATED_MODELS.map((m) => m.id)).toContain(host.model!.id);
    expect(host.model!.engine).toBe('cpu');
  });

  it('remembers a chosen custom model, so the next host gets it too', async () => {
    const { config, host, models } = setup();
    const status = await config.selectModel(custom);
    expect(status.model).toEqual(custom);
    expect(await models.selected()).toEqual(custom);
    host.model = null; // the host was closed and recreated
    await config.configureNewHost();
    expect(host.model).toEqual(custom);
  });

  it('refuses a malformed model before storing anything', async () => {
    const { config, models, told } = setup();
    await expect(config.selectModel({ ...custom, source: 'file:///etc/passwd' })).rejects.toBeInstanceOf(BadRequestError);
    expect(await models.selected()).toBeNull();
    expect(told).toEqual([]);
  });

  it('saves settings clamped, and pushes only the host part to the host', async () => {
    const { config, host, settings } = setup();
    const saved = await config.saveSettings({ ...DEFAULT_SETTINGS, maxTokens: 99_999, enginePreference: 'cpu', idleUnloadMinutes: 0 });
    expect(saved.settings.maxTokens).toBe(8192);
    expect(await settings.get()).toEqual(saved.settings);
    expect(host.settings).toEqual({ enginePreference: 'cpu', idleUnloadMinutes: 0 });
  });
});
