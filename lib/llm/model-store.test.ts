import { describe, expect, it } from 'vitest';
import { createModelStore } from './model-store';
import { createCustomGgufModel } from './models';

describe('model store', () => {
  it('reads back only custom models that still pass the model check (an http address from another machine is left out)', async () => {
    const good = createCustomGgufModel('https://models.example/tiny.gguf');
    const data: Record<string, unknown> = { 'hearth:customModels': [good, { ...good, id: 'evil', source: 'http://evil.example/x.gguf' }, { id: 'half' }, 'x'] };
    const store = createModelStore({ get: async (k) => ({ [k as string]: data[k as string] }), set: async (i) => void Object.assign(data, i) });
    const custom = (await store.allModels()).filter((m) => m.custom);
    expect(custom.map((m) => m.id)).toEqual([good.id]);
  });

  it('reads a custom model an older version stored with the CPU engine called \'wasm\' as a CPU model', async () => {
    const model = createCustomGgufModel('https://models.example/tiny.gguf');
    const data: Record<string, unknown> = { 'hearth:customModels': [{ ...model, engine: 'wasm' }] };
    const store = createModelStore({ get: async (k) => ({ [k as string]: data[k as string] }), set: async (i) => void Object.assign(data, i) });
    expect((await store.allModels()).filter((m) => m.custom).map((m) => m.engine)).toEqual(['cpu']);
  });
});
