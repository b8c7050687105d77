import type { LanguageModelApi } from '../builtin-ai';
import { createBuiltinEngine } from '../host/builtin-engine';
import { measureBuiltinSpeed, type BuiltinSpeed } from '../builtin-speed';

export const BUILTIN_SPEED_KEY = 'hearth:builtinSpeed';
/** A measurement stands this long (a week), for this browser version: Chrome updates its model with the browser. */
export const BUILTIN_SPEED_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

interface Stored {
  result: Extract<BuiltinSpeed, { verdict: 'usable' | 'slow' }>;
  at: number;
  browser: string;
}

export interface StorageLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface SpeedCheckDeps {
  languageModel: LanguageModelApi | undefined;
  storage: StorageLike;
  /** The browser's version string: a new Chrome may bring another model. */
  browser: string;
  now?: () => number;
  measure?: typeof measureBuiltinSpeed;
}

/**
 * The first-run offer's check of Chrome's built-in model, run in the page that shows the offer (Chrome's model is
 * Chrome's, for every context; a session of its own here leaves the model host's alone). A speed once measured is kept
 * (storage.local), so the offer does not make Chrome answer each time the popup opens; a timeout or failure is not,
 * so the next offer tries again.
 */
export function createBuiltinSpeedCheck({ languageModel, storage, browser, now = Date.now, measure = measureBuiltinSpeed }: SpeedCheckDeps) {
  return async function check(signal: AbortSignal): Promise<BuiltinSpeed> {
    const stored = (await storage.get(BUILTIN_SPEED_KEY).catch(() => ({})) as Record<string, Stored | undefined>)[BUILTIN_SPEED_KEY];
    if (stored && stored.browser === browser && now() - stored.at < BUILTIN_SPEED_MAX_AGE_MS) return stored.result;
    const result = await measure({ engine: createBuiltinEngine({ languageModel }), signal });
    if (result.verdict === 'usable' || result.verdict === 'slow') {
      await storage.set({ [BUILTIN_SPEED_KEY]: { result, at: now(), browser } satisfies Stored }).catch(() => {});
    }
    return result;
  };
}
