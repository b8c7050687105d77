import { describe, expect, it } from 'vitest';
import { backendSpec, fallbackOrder, POSE_BACKENDS, type DeviceProbe } from './engine';

const noGpu: DeviceProbe = { webgpu: { available: false, fallback: false }, webgl: { available: true, renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)' } };
const realGpu: DeviceProbe = { webgpu: { available: true, fallback: false }, webgl: { available: true, renderer: 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620)' } };

describe('pose backends as data', () => {
  it('lists the four TF.js backends, cpu only as a last resort', () => {
    expect(POSE_BACKENDS.map((b) => b.name)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(POSE_BACKENDS.filter((b) => b.lastResort).map((b) => b.name)).toEqual(['cpu']);
  });
  it('tells an emulated GPU from a real one', () => {
    expect(backendSpec('webgl').skip(noGpu)).toMatch(/software renderer/);
    expect(backendSpec('webgpu').skip(noGpu)).toBe('no WebGPU adapter');
    expect(backendSpec('webgpu').skip({ ...realGpu, webgpu: { available: true, fallback: true } })).toMatch(/software adapter/);
    expect(backendSpec('webgl').skip(realGpu)).toBeNull();
    expect(backendSpec('webgl').skip({ ...realGpu, webgl: { available: true, renderer: 'llvmpipe (LLVM 15.0.6, 256 bits)' } })).toMatch(/software/);
  });
  it('falls back to the backends the device really has before emulated ones', () => {
    expect(fallbackOrder('webgpu', noGpu)).toEqual(['webgpu', 'wasm', 'cpu', 'webgl']);
    expect(fallbackOrder('wasm', realGpu)).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
    expect(fallbackOrder('cpu', noGpu)).toEqual(['cpu', 'wasm', 'webgpu', 'webgl']);
  });
});
