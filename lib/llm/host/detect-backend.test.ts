import { describe, expect, it } from 'vitest';
import { detectBackend, type AdapterLike } from './detect-backend';

const adapter = (over: Partial<AdapterLike> & { f16?: boolean; fallback?: boolean } = {}): AdapterLike => ({
  features: { has: (n) => n === 'shader-f16' && !!over.f16 },
  info: { vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: !!over.fallback },
});
const gpuWith = (a: AdapterLike | null | Error) => ({
  requestAdapter: async () => {
    if (a instanceof Error) throw a;
    return a;
  },
});

describe('detectBackend', () => {
  it('uses WebLLM on a real GPU and reports its features', async () => {
    const choice = await detectBackend(gpuWith(adapter({ f16: true })));
    expect(choice.engine).toBe('webllm');
    expect(choice.adapter).toEqual({ vendor: 'nvidia', architecture: 'ampere', isFallback: false, shaderF16: true });
    expect(choice.reason).toMatch(/nvidia GPU/);
  });
  it('falls back to Wasm without WebGPU, without an adapter, or when requestAdapter throws', async () => {
    expect((await detectBackend(undefined)).reason).toMatch(/no WebGPU/);
    expect((await detectBackend(gpuWith(null))).reason).toMatch(/no usable graphics adapter/);
    expect((await detectBackend(gpuWith(new Error('lost')))).engine).toBe('cpu');
  });
  it('skips a software fallback adapter (SwiftShader), old and new flag placement', async () => {
    const soft = await detectBackend(gpuWith(adapter({ fallback: true })));
    expect(soft.engine).toBe('cpu');
    expect(soft.reason).toMatch(/software emulation/);
    const old: AdapterLike = { features: { has: () => false }, isFallbackAdapter: true };
    expect((await detectBackend(gpuWith(old))).engine).toBe('cpu');
  });
  it('reports adapter limits in MB', async () => {
    const a = { ...adapter(), limits: { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 27 } };
    expect((await detectBackend(gpuWith(a))).adapter).toMatchObject({ maxBufferSizeMb: 1024, maxStorageBindingMb: 128 });
  });
  it('honours an explicit WebGPU choice on a software adapter, warning that it is slow', async () => {
    const choice = await detectBackend(gpuWith(adapter({ fallback: true })), 'webgpu');
    expect(choice.engine).toBe('webllm');
    expect(choice.reason).toMatch(/software-emulated.*slow/);
  });
  it('runs on the CPU, saying why, when the build pins no WebGPU model library (even on a GPU, even when chosen)', async () => {
    for (const preference of ['auto', 'webgpu'] as const) {
      const choice = await detectBackend(gpuWith(adapter({ f16: true })), preference, false);
      expect(choice.engine).toBe('cpu');
      expect(choice.reason).toMatch(/pins no WebGPU model library by hash.*runs on the CPU/);
      expect(choice.adapter?.shaderF16).toBe(true); // the device is still described
    }
    expect((await detectBackend(undefined, 'auto', false)).reason).toMatch(/no WebGPU/);
  });
  it('honours a Wasm preference even on a GPU', async () => {
    expect((await detectBackend(gpuWith(adapter()), 'cpu')).engine).toBe('cpu');
  });
});
