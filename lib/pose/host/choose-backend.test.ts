import { describe, expect, it, vi } from 'vitest';
import { chooseBackend, startWithFallback, type DeviceProbe } from './choose-backend';

const noGpu: DeviceProbe = { webgpu: { available: true, fallback: true }, webgl: { available: true, renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)' } };
const realGpu: DeviceProbe = { webgpu: { available: true, fallback: false }, webgl: { available: true, renderer: 'ANGLE (NVIDIA GeForce RTX 3060)' } };

describe('chooseBackend', () => {
  it('skips software-emulated GPUs and never times cpu when wasm works', async () => {
    const time = vi.fn(async (_b: string) => 40);
    const r = await chooseBackend(noGpu, time);
    expect(r.backend).toBe('wasm');
    expect(time.mock.calls.map((c) => c[0])).toEqual(['wasm']);
    expect(r.skipped).toMatchObject({ webgpu: 'software adapter (no GPU)', webgl: expect.stringMatching(/software renderer.*SwiftShader/), cpu: expect.any(String) });
    expect(r.reason).toMatch(/^fastest of wasm \(40 ms\)/);
  });
  it('times every real backend and picks the fastest, not the first', async () => {
    const ms = { webgpu: 30, webgl: 12, wasm: 25 } as Record<string, number>;
    const r = await chooseBackend(realGpu, async (b) => ms[b]!);
    expect(r.backend).toBe('webgl');
    expect(r.timingsMs).toEqual({ webgpu: 30, webgl: 12, wasm: 25 });
  });
  it('moves on when a backend fails, and uses cpu only as the last resort', async () => {
    const r = await chooseBackend(realGpu, async (b) => {
      if (b !== 'cpu') throw new Error(`${b} broke`);
      return 900;
    });
    expect(r.backend).toBe('cpu');
    expect(r.skipped.webgpu).toBe('failed: webgpu broke');
  });
  it('says why when nothing works', async () => {
    await expect(chooseBackend(noGpu, async () => Promise.reject(new Error('x')))).rejects.toThrow(/No TF.js backend works here/);
  });
});

describe('startWithFallback', () => {
  it('falls back down the list when the chosen backend fails to start', async () => {
    const r = await startWithFallback(['webgpu', 'webgl', 'wasm'], async (b) => {
      if (b === 'webgpu') throw new Error('adapter lost');
    });
    expect(r).toEqual({ backend: 'webgl', failed: { webgpu: 'adapter lost' } });
  });
});
