import { describe, expect, it } from 'vitest';
import { CURATED_MODELS, pickDefaultModel } from './models';
import { compareWithMeasured, describeModelSpeed, estimateDecodeSpeed, formatSpeed, MATMUL_SHARE_OF_DECODE, pickModelForDevice, USABLE_TOKENS_PER_SEC, type DeviceSpeed } from './speed-estimate';
import type { ModelSpec } from '../messaging/protocol';

const MB = 1024 * 1024;
const device = (gbPerSec: number): DeviceSpeed => ({ weightBytesPerSec: gbPerSec * 1024 * MB, threads: 1, at: 0 });
const cpu = (id: string, mb: number): ModelSpec => ({ id, label: id, engine: 'cpu', source: `https://x/${id}.gguf`, sizeBytes: mb * MB, contextTokens: 4096 });
const byId = (id: string) => CURATED_MODELS.find((m) => m.id === id)!;

describe('estimateDecodeSpeed', () => {
  it('is the weight bytes streamed per second over the model’s weight bytes, less the rest of the pass', () => {
    const e = estimateDecodeSpeed(cpu('m', 400), device(5))!; // 5 GB/s over 400 MB: 12.8 matmul passes a second
    expect(e.tokensPerSec).toBeCloseTo(12.8 * MATMUL_SHARE_OF_DECODE);
    expect(e.wordsPerSec).toBeCloseTo(e.tokensPerSec * 0.75);
    expect(estimateDecodeSpeed(cpu('m', 800), device(5))!.tokensPerSec).toBeCloseTo(e.tokensPerSec / 2); // twice the weights, half the speed
  });
  it('says nothing for a model of unknown size or one that is not on the CPU', () => {
    expect(estimateDecodeSpeed({ ...cpu('m', 1), sizeBytes: undefined }, device(5))).toBeNull();
    expect(estimateDecodeSpeed({ ...byId('webllm:SmolLM2-360M-Instruct-q4f32_1-MLC') }, device(5))).toBeNull();
  });
});

describe('the first-run offer on a CPU device', () => {
  it('is the largest curated CPU model that stays at a usable speed', () => {
    const models = [cpu('small', 145), cpu('mid', 386), cpu('big', 808)];
    expect(pickModelForDevice(models, device(20))!.id).toBe('big'); // 808 MB at 20 GB/s: ~25 tokens/s
    expect(pickModelForDevice(models, device(6))!.id).toBe('mid'); // ~16 tokens/s for 386 MB; 808 MB is too slow
    expect(pickModelForDevice(models, device(3))!.id).toBe('small'); // ~21 tokens/s for 145 MB, ~8 for 386 MB
    expect(pickModelForDevice(models, device(0.2))!.id).toBe('small'); // nothing is usable: the smallest runs best
  });
  it('checks the boundary: at exactly the usable speed a model is offered', () => {
    const m = cpu('m', 100);
    const exact: DeviceSpeed = { weightBytesPerSec: (USABLE_TOKENS_PER_SEC / MATMUL_SHARE_OF_DECODE) * 100 * MB, threads: 1, at: 0 };
    expect(pickModelForDevice([m, cpu('tiny', 10)], exact)!.id).toBe('m');
  });
  it('with the curated list: SmolLM2 135M where the 360M one would be too slow', () => {
    expect(byId('gguf:smollm2-135m-instruct-q8_0').source).toMatch(/HuggingFaceTB\/SmolLM2-135M-Instruct-GGUF\/resolve\/main\/.+q8_0\.gguf$/);
    const wasm = { engine: 'cpu' as const, reason: '' };
    expect(pickDefaultModel(wasm, CURATED_MODELS, device(1.5)).id).toBe('gguf:smollm2-135m-instruct-q8_0'); // nothing usable: the smallest
    expect(pickDefaultModel(wasm, CURATED_MODELS, device(6)).id).toBe('gguf:smollm2-360m-instruct-q8_0'); // Qwen's 470 MB: 13 tokens/s
    expect(pickDefaultModel(wasm, CURATED_MODELS, device(7)).id).toBe('gguf:qwen2.5-0.5b-instruct-q4_k_m'); // Qwen3's 610 MiB: 11.7 tokens/s
    expect(pickDefaultModel(wasm, CURATED_MODELS, device(9)).id).toBe('gguf:qwen3-0.6b-q8_0'); // as measured here (9.7–10.3); 1B: ~12 tokens/s
    expect(pickDefaultModel(wasm, CURATED_MODELS, device(16)).id).toBe('gguf:llama-3.2-1b-instruct-q4_k_m');
    expect(pickDefaultModel(wasm).id).toBe('gguf:smollm2-360m-instruct-q8_0'); // not measured: as before
  });
});

describe('formatSpeed and the check against real runs', () => {
  it('rounds for people', () => {
    expect(formatSpeed(12.4)).toBe('about 12 words/s on this device');
    expect(formatSpeed(3.3)).toBe('about 3.5 words/s on this device');
    expect(formatSpeed(0.34)).toBe('about 0.3 words/s on this device');
    expect(formatSpeed(12.4, 'here')).toBe('about 12 words/s here');
  });
  it('compares a real run with the estimate', () => {
    const e = estimateDecodeSpeed(cpu('m', 400), device(5))!;
    expect(compareWithMeasured(e, e.tokensPerSec / 2)).toBeCloseTo(0.5);
  });
});

describe('describeModelSpeed', () => {
  it('gives the estimate before a download and the measured speed after a run', () => {
    const m = cpu('m', 400);
    expect(describeModelSpeed(m, { device: null, measured: {} })).toBeNull();
    expect(describeModelSpeed(m, { device: device(5), measured: {} })).toBe('about 9.5 words/s here');
    expect(describeModelSpeed(m, { device: device(5), measured: { m: 16 } })).toBe('about 9.5 words/s here · measured: 12 words/s');
    expect(describeModelSpeed(m, { device: null, measured: { m: 4 } })).toBe('measured: 3 words/s');
  });
});
