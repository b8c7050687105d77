import type { ModelSpec } from '../messaging/protocol';
import { CURATED_MODELS } from './models';
import { validateModelSpec } from '../messaging/validate-request';
import { migrateEngineName } from './engine-names';
import { BUILTIN_MODEL } from './builtin-ai';

/** What was stored is checked again when read: a model whose description no longer passes is left out. */
const storedModel = (m: unknown): m is ModelSpec => {
  try {
    validateModelSpec(m);
    return true;
  } catch {
    return false;
  }
};
/** A stored model as this version names it (older versions called the CPU engine 'wasm'). */
const migrated = (m: unknown): unknown =>
  m && typeof m === 'object' && 'engine' in m ? { ...m, engine: migrateEngineName((m as { engine: unknown }).engine) } : m;

/** The slice of `storage.local` the store needs (WXT's fake browser provides one in tests). */
export interface StorageAreaLike {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const CUSTOM_KEY = 'hearth:customModels';
const SELECTED_KEY = 'hearth:selectedModelId';

/** Which models the user added and which one they chose, kept in extension storage. */
export function createModelStore(storage: StorageAreaLike) {
  async function customModels(): Promise<ModelSpec[]> {
    const got = await storage.get(CUSTOM_KEY);
    return Array.isArray(got[CUSTOM_KEY]) ? (got[CUSTOM_KEY] as unknown[]).map(migrated).filter(storedModel) : [];
  }
  async function allModels(): Promise<ModelSpec[]> {
    return [...CURATED_MODELS, ...(await customModels())];
  }
  return {
    allModels,
    async addCustom(model: ModelSpec): Promise<void> {
      const list = (await customModels()).filter((m) => m.id !== model.id);
      await storage.set({ [CUSTOM_KEY]: [...list, model] });
    },
    async removeCustom(id: string): Promise<void> {
      await storage.set({ [CUSTOM_KEY]: (await customModels()).filter((m) => m.id !== id) });
    },
    async selected(): Promise<ModelSpec | null> {
      const id = (await storage.get(SELECTED_KEY))[SELECTED_KEY];
      // Chrome's built-in model is not in the list of files (Models shows it on its own), but it can be the choice.
      return [...(await allModels()), BUILTIN_MODEL].find((m) => m.id === id) ?? null;
    },
    async select(id: string): Promise<void> {
      await storage.set({ [SELECTED_KEY]: id });
    },
  };
}

export type ModelStore = ReturnType<typeof createModelStore>;
