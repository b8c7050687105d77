import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSettingsStore, DEFAULT_SETTINGS, normalizeSettings } from './settings';

describe('settings', () => {
  beforeEach(() => fakeBrowser.reset());
  it('starts from the defaults (idle unload after 5 minutes)', async () => {
    expect(await createSettingsStore(fakeBrowser.storage.local).get()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.idleUnloadMinutes).toBe(5);
  });
  it('clamps and repairs bad values instead of failing', () => {
    expect(normalizeSettings({ temperature: 9, maxTokens: -3, enginePreference: 'quantum', idleUnloadMinutes: Number.NaN, systemPrompt: 7 })).toEqual({
      ...DEFAULT_SETTINGS,
      temperature: 2,
      maxTokens: 1,
    });
  });
  it('saves what the user chose', async () => {
    const store = createSettingsStore(fakeBrowser.storage.local);
    await store.set({ ...DEFAULT_SETTINGS, temperature: 0, enginePreference: 'wasm' });
    expect(await store.get()).toMatchObject({ temperature: 0, enginePreference: 'wasm' });
  });
});
