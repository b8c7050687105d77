import { describe, expect, it } from 'vitest';
import { CURATED_MODELS, pickDefaultModel } from './models';
import { BUSY_DAY_SHARE, compareWithMeasured, correctedDevice, describeModelSpeed, estimateDecodeSpeed, formatSpeed, MATMUL_SHARE_OF_DECODE, pickModelForDevice, USABLE_TOKENS_PER_SEC, type DeviceSpeed } from './speed-estimate';
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
  it('is the largest curated CPU model that stays usable on a busy day (0.6 of its estimate)', () => {
    const models = [cpu('small', 145), cpu('mid', 386), cpu('big', 808)];
    expect(pickModelForDevice(models, device(20))!.id).toBe('big'); // 808 MB at 20 GB/s: ~25 tokens/s, ~15 when busy
    expect(pickModelForDevice(models, device(16))!.id).toBe('mid'); // big: ~20 tokens/s quiet, but ~12 when busy
    expect(pickModelForDevice(models, device(10))!.id).toBe('mid'); // ~27 tokens/s for 386 MB, ~16 when busy
    expect(pickModelForDevice(models, device(6))!.id).toBe('small'); // 386 MB: ~16 tokens/s quiet is too slow busy
    expect(pickModelForDevice(models, device(0.2))!.id).toBe('small'); // nothing is usable: the smallest runs best
  });
  it('checks the boundary: a model is offered when exactly usable at the busy-day share of its estimate', () => {
    const m = cpu('m', 100);
    const speed = (tokensPerSec: number): DeviceSpeed => ({ weightBytesPerSec: (tokensPerSec / MATMUL_SHARE_OF_DECODE) * 100 * MB, threads: 1, at: 0 });
    expect(pickModelForDevice([m, cpu('tiny', 10)], speed(USABLE_TOKENS_PER_SEC / BUSY_DAY_SHARE))!.id).toBe('m');
    expect(pickModelForDevice([m, cpu('tiny', 10)], speed(USABLE_TOKENS_PER_SEC / BUSY_DAY_SHARE - 0.01))!.id).toBe('tiny');
  });
  it('with the curated list: the issue’s quiet and loaded measurements, and the steps between', () => {
    expect(byId('gguf:smollm2-135m-instruct-q8_0').source).toMatch(/HuggingFaceTB\/SmolLM2-135M-Instruct-GGUF\/resolve\/main\/.+q8_0\.gguf$/);
    const wasm = { engine: 'cpu' as const, reason: '' };
    const pick = (gb: number) => pickDefaultModel(wasm, CURATED_MODELS, device(gb)).id;
    expect(pick(1.5)).toBe('gguf:smollm2-135m-instruct-q8_0'); // nothing usable: the smallest
    expect(pick(3.5)).toBe('gguf:smollm2-135m-instruct-q8_0'); // the loaded run (~6 words/s for 360M)
    expect(pick(7)).toBe('gguf:gemma-3-270m-it-q8_0'); // 292 MB: ~26 tokens/s quiet, ~15 busy; SmolLM2-360M ~11 busy
    expect(pick(9)).toBe('gguf:smollm2-360m-instruct-q8_0'); // as measured here (9.7–10.3 GB/s); Qwen2.5's 470 MB: 12 tokens/s busy
    expect(pick(11)).toBe('gguf:qwen2.5-0.5b-instruct-q4_k_m');
    expect(pick(15)).toBe('gguf:qwen3-0.6b-q8_0'); // the quiet run (~30 words/s for 360M): not the 1B any more
    expect(pick(18)).toBe('gguf:gemma-3-1b-it-q4_k_m'); // 806 MB: ~14.4 tokens/s busy; Llama's 847 MB ~13.7
    expect(pick(19)).toBe('gguf:llama-3.2-1b-instruct-q4_k_m');
    expect(pickDefaultModel(wasm).id).toBe('gguf:smollm2-360m-instruct-q8_0'); // not measured: as before
  });
});

describe('correctedDevice: real answers correct the kernel measurement', () => {
  it('is the measurement until there are answers, then the best recent answer', () => {
    const measured = device(10);
    expect(correctedDevice({ device: null })).toBeNull();
    expect(correctedDevice({ device: measured, answers: [] })).toBe(measured);
    const corrected = correctedDevice({ device: measured, answers: [6e9, 8e9, 2e9, Number.NaN] })!;
    expect(corrected).toMatchObject({ weightBytesPerSec: 8e9, threads: 1, from: 'answers' }); // a slow, busy answer does not count
    expect(correctedDevice({ device: null, answers: [5e9] })!.weightBytesPerSec).toBe(5e9); // no kernels, but real answers
  });
  it('moves the estimate shown to what real answers say', () => {
    const m = cpu('m', 400);
    const real = 16 * 400 * MB; // an answer of a 400 MB model at 16 tokens/s
    expect(describeModelSpeed(m, { device: device(10), measured: {}, answers: [real] })).toBe('about 12 words/s here'); // not 19
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
