import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSettingsStore, normalizeSettings } from './settings';

// The defaults spelled out, not read back from DEFAULT_SETTINGS: a changed default must show up here.
const DEFAULTS = {
  systemPrompt: 'You are Hearth, a helpful assistant running entirely on this device. Answer clearly and concisely.',
  temperature: 0.7,
  maxTokens: 512,
  enginePreference: 'auto',
  idleUnloadMinutes: 5,
};

describe('settings', () => {
  beforeEach(() => fakeBrowser.reset());
  it('starts from the defaults (idle unload after 5 minutes) when nothing is stored', async () => {
    expect(await createSettingsStore(fakeBrowser.storage.local).get()).toEqual(DEFAULTS);
  });
  it('reads the CPU preference an older version stored as \'wasm\' as \'cpu\'', () => {
    expect(normalizeSettings({ enginePreference: 'wasm' }).enginePreference).toBe('cpu');
    expect(normalizeSettings({ enginePreference: 'cpu' }).enginePreference).toBe('cpu');
  });
  it('clamps and repairs bad values instead of failing', () => {
    expect(normalizeSettings({ temperature: 9, maxTokens: -3, enginePreference: 'quantum', idleUnloadMinutes: Number.NaN, systemPrompt: 7 })).toEqual({
      ...DEFAULTS,
      temperature: 2,
      maxTokens: 1,
    });
    expect(normalizeSettings({ temperature: -1, maxTokens: 1e9, idleUnloadMinutes: 99_999.4, systemPrompt: 'x'.repeat(5000) })).toEqual({
      ...DEFAULTS,
      temperature: 0,
      maxTokens: 8192,
      idleUnloadMinutes: 1440,
      systemPrompt: 'x'.repeat(4000),
    });
  });
  it('saves what the user chose, and reads it back after a restart (a new store on the same storage)', async () => {
    await createSettingsStore(fakeBrowser.storage.local).set({ ...DEFAULTS, enginePreference: 'cpu', temperature: 0, maxTokens: 64, idleUnloadMinutes: 0, systemPrompt: '' });
    expect(await createSettingsStore(fakeBrowser.storage.local).get()).toEqual({
      enginePreference: 'cpu', temperature: 0, maxTokens: 64, idleUnloadMinutes: 0, systemPrompt: '',
    });
  });
});
