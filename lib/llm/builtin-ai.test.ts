import { describe, expect, it, vi } from 'vitest';
import { BUILTIN_MODEL, samplingFor, whyBuiltinUnusable } from './builtin-ai';
import { createModelStore } from './model-store';
import { whyModelCannotRun } from './models';
import { validateModelSpec } from '../messaging/validate-request';
import { createModelManager } from './host/model-manager';

const params = { defaultTopK: 3, maxTopK: 128, defaultTemperature: 1, maxTemperature: 2 };

describe("Chrome's built-in model as one of Hearth's models", () => {
  it('says why it cannot be used where the browser has none or Chrome says unavailable, and nothing when it can', () => {
    expect(whyBuiltinUnusable('absent')).toMatch(/no built-in model.*Hearth's own models work here/);
    expect(whyBuiltinUnusable('unavailable')).toMatch(/unavailable here.*on-device-internals/);
    expect(whyBuiltinUnusable('available')).toBeNull();
    expect(whyBuiltinUnusable('downloadable')).toBeNull();
  });

  it('sets temperature and topK together (never one alone), greedy as topK 1, within Chrome’s maximum', () => {
    expect(samplingFor(0, params)).toEqual({ temperature: 0, topK: 1 });
    expect(samplingFor(0.7, params)).toEqual({ temperature: 0.7, topK: 3 });
    expect(samplingFor(5, params)).toEqual({ temperature: 2, topK: 3 });
    expect(samplingFor(0.7, null)).toEqual({}); // params() is for extensions only: elsewhere, Chrome's defaults
  });

  it('passes the model check only with its own source, and no WebGPU pin is asked of it', () => {
    expect(validateModelSpec(BUILTIN_MODEL)).toEqual(BUILTIN_MODEL);
    expect(() => validateModelSpec({ ...BUILTIN_MODEL, source: 'https://evil.example/x' })).toThrow(/no address/);
    expect(whyModelCannotRun(BUILTIN_MODEL, { engine: 'cpu', reason: '' }, () => false)).toBeNull();
  });

  it('stays the chosen model across restarts although it is not in the list of files', async () => {
    const data: Record<string, unknown> = {};
    const store = createModelStore({ get: async (k) => ({ [k as string]: data[k as string] }), set: async (i) => void Object.assign(data, i) });
    await store.select(BUILTIN_MODEL.id);
    expect((await store.selected())?.engine).toBe('builtin');
    expect((await store.allModels()).some((m) => m.engine === 'builtin')).toBe(false);
  });

  it('is "on this device" only when Chrome says available; otherwise unknown (no Hearth download is offered), and never deleted by Hearth', async () => {
    let ready = false;
    const manager = createModelManager({ gguf: { meta: vi.fn(), download: vi.fn(), remove: vi.fn() } as never, webllmCache: async () => null, preload: vi.fn(), builtinReady: async () => ready });
    expect((await manager.list([BUILTIN_MODEL]))[0]!.cached).toBe('unknown');
    ready = true;
    expect((await manager.list([BUILTIN_MODEL]))[0]!.cached).toBe(true);
    await expect(manager.remove(BUILTIN_MODEL)).rejects.toThrow(/belongs to Chrome/);
  });
});
