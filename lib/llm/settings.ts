import type { ChatSettings, EnginePreference, HostSettings } from '../messaging/protocol';
import type { StorageAreaLike } from './model-store';
import { ENGINE_PREFERENCES, LIMITS } from '../messaging/protocol-values';
import { migrateEngineName } from './engine-names';
import { GENERATION_DEFAULTS } from './generation-defaults';

export type { ChatSettings };

export const DEFAULT_SETTINGS: ChatSettings = {
  systemPrompt: 'You are Hearth, a helpful assistant running entirely on this device. Answer clearly and concisely.',
  temperature: GENERATION_DEFAULTS.temperature,
  maxTokens: GENERATION_DEFAULTS.maxTokens,
  enginePreference: 'auto',
  idleUnloadMinutes: 5,
};

const KEY = 'hearth:settings';
const clamp = (v: unknown, lo: number, hi: number, fallback: number) =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;

/** Whatever is stored (old versions, hand edits) becomes valid settings; out-of-range numbers are clamped. */
export function normalizeSettings(raw: unknown): ChatSettings {
  const r = (raw ?? {}) as Partial<ChatSettings>;
  const preference = migrateEngineName(r.enginePreference) as EnginePreference;
  return {
    systemPrompt: typeof r.systemPrompt === 'string' ? r.systemPrompt.slice(0, 4000) : DEFAULT_SETTINGS.systemPrompt,
    temperature: clamp(r.temperature, 0, LIMITS.temperature, DEFAULT_SETTINGS.temperature),
    maxTokens: Math.round(clamp(r.maxTokens, 1, LIMITS.maxTokens, DEFAULT_SETTINGS.maxTokens)),
    enginePreference: (ENGINE_PREFERENCES as readonly string[]).includes(preference) ? preference : 'auto',
    idleUnloadMinutes: Math.round(clamp(r.idleUnloadMinutes, 0, LIMITS.idleUnloadMinutes, DEFAULT_SETTINGS.idleUnloadMinutes)),
  };
}

export function createSettingsStore(storage: StorageAreaLike) {
  return {
    async get(): Promise<ChatSettings> {
      return normalizeSettings((await storage.get(KEY))[KEY]);
    },
    async set(next: ChatSettings): Promise<ChatSettings> {
      const clean = normalizeSettings(next);
      await storage.set({ [KEY]: clean });
      return clean;
    },
  };
}

export const hostSettingsOf = (s: ChatSettings): HostSettings => ({
  enginePreference: s.enginePreference,
  idleUnloadMinutes: s.idleUnloadMinutes,
});
