import type { BackendChoice, EnginePreference } from '../../messaging/protocol';

export type { EnginePreference };

/** The bits of `navigator.gpu` we read, so tests can pass a fake. */
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<AdapterLike | null>;
}
export interface AdapterLike {
  features: { has(name: string): boolean };
  limits?: { maxBufferSize?: number; maxStorageBufferBindingSize?: number };
  info?: { vendor?: string; architecture?: string; isFallbackAdapter?: boolean };
  /** Older Chrome put the flag on the adapter itself. */
  isFallbackAdapter?: boolean;
}

/**
 * Pick the LLM runtime for this device: WebLLM when there is a real WebGPU adapter, the Wasm engine
 * otherwise (a software "fallback" adapter such as SwiftShader runs far slower than Wasm on the CPU).
 */
export async function detectBackend(
  gpu: GpuLike | undefined,
  preference: EnginePreference = 'auto',
  /** Does this build pin any WebLLM model library (lib/llm/webllm-libs.ts)? Without one no GPU model can run. */
  webllmPinned = true,
): Promise<BackendChoice> {
  const choice = await detectAdapter(gpu, preference);
  if (choice.engine !== 'webllm' || webllmPinned) return choice;
  return {
    ...choice,
    engine: 'cpu',
    reason:
      'This build of Hearth pins no WebGPU model library by hash, and Hearth runs no unverified code, so the model ' +
      'runs on the CPU with WebAssembly.',
  };
}

async function detectAdapter(gpu: GpuLike | undefined, preference: EnginePreference): Promise<BackendChoice> {
  if (preference === 'cpu') return { engine: 'cpu', reason: 'WebAssembly (CPU) was chosen in settings.' };
  if (!gpu) {
    return { engine: 'cpu', reason: 'This browser has no WebGPU, so the model runs on the CPU with WebAssembly.' };
  }
  let adapter: AdapterLike | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    adapter = null;
  }
  if (!adapter) {
    return {
      engine: 'cpu',
      reason: 'WebGPU found no usable graphics adapter, so the model runs on the CPU with WebAssembly.',
    };
  }
  const isFallback = Boolean(adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter);
  const described = {
    vendor: adapter.info?.vendor || 'unknown',
    architecture: adapter.info?.architecture || 'unknown',
    isFallback,
    shaderF16: adapter.features.has('shader-f16'),
    maxBufferSizeMb: adapter.limits?.maxBufferSize ? Math.floor(adapter.limits.maxBufferSize / 2 ** 20) : undefined,
    maxStorageBindingMb: adapter.limits?.maxStorageBufferBindingSize
      ? Math.floor(adapter.limits.maxStorageBufferBindingSize / 2 ** 20)
      : undefined,
  };
  if (isFallback && preference === 'webgpu') {
    return {
      engine: 'webllm',
      adapter: described,
      reason: 'WebGPU was chosen in settings, but it is only software-emulated here (no graphics hardware): expect it to be slow.',
    };
  }
  if (isFallback) {
    return {
      engine: 'cpu',
      adapter: described,
      reason:
        'WebGPU here is only a software emulation of a GPU (no graphics hardware), which is slower than ' +
        'WebAssembly on the CPU, so the model runs with WebAssembly.',
    };
  }
  const name = described.vendor === 'unknown' ? 'the GPU' : `the ${described.vendor} GPU`;
  return {
    engine: 'webllm',
    adapter: described,
    reason:
      preference === 'webgpu'
        ? `WebGPU was chosen in settings; running on ${name}.`
        : `WebGPU is available, so the model runs on ${name} with WebLLM.`,
  };
}
