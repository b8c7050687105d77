import { describe, expect, it, vi } from 'vitest';
import { chosenModelHandlers } from './chosen-model';
import { CURATED_MODELS } from '../models';
import { NoModelError } from '../../messaging/errors';

const model = CURATED_MODELS.find((m) => m.engine === 'cpu')!;
const big = CURATED_MODELS.find((m) => m.id === 'gguf:llama-3.2-1b-instruct-q4_k_m')!;
const cpu = { engine: 'cpu' as const, reason: 'no GPU' };
const noSpeeds = async () => ({ device: null, measured: {} });

describe('chosen model handlers', () => {
  it('report and download only the chosen model', async () => {
    const models = {
      list: vi.fn(async (l: typeof model[]) => l.map((m) => ({ modelId: m.id, cached: false as const }))),
      download: vi.fn(async (m: typeof model) => ({ modelId: m.id, cached: false as const })),
    };
    const h = chosenModelHandlers({ status: async () => ({ model, backend: cpu }) }, models, noSpeeds);
    expect(await h['llm.chosenModel']()).toEqual({ model, state: { modelId: model.id, cached: false } });
    await h['llm.downloadChosen']();
    expect(models.download).toHaveBeenCalledWith(model);
  });

  it('with no chosen model, says so and downloads nothing', async () => {
    const models = { list: vi.fn(), download: vi.fn() };
    const h = chosenModelHandlers({ status: async () => ({ model: null, backend: cpu }) }, models, noSpeeds);
    expect(await h['llm.chosenModel']()).toEqual({ model: null, state: null });
    await expect(h['llm.downloadChosen']()).rejects.toBeInstanceOf(NoModelError);
    expect(models.download).not.toHaveBeenCalled();
    await expect(h['llm.recheckChosen']()).rejects.toBeInstanceOf(NoModelError);
  });

  it("re-checks the device for the chosen model: measures again, and judges it as Models does (never 'larger')", async () => {
    const models = { list: vi.fn(), download: vi.fn() };
    const recheck = vi.fn(async () => ({ device: { weightBytesPerSec: 10e9, threads: 2, at: 0 }, measured: {} }));
    const slow = chosenModelHandlers({ status: async () => ({ model: big, backend: cpu }) }, models, recheck);
    expect(await slow['llm.recheckChosen']()).toMatchObject({ verdict: 'smaller', suggestion: { engine: 'cpu' } });
    expect(recheck).toHaveBeenCalledTimes(1);
    const tiny = CURATED_MODELS.find((m) => m.id === 'gguf:smollm2-135m-instruct-q8_0')!;
    const fast = chosenModelHandlers({ status: async () => ({ model: tiny, backend: cpu }) }, models, async () => ({ device: { weightBytesPerSec: 40e9, threads: 2, at: 0 }, measured: {} }));
    expect(await fast['llm.recheckChosen']()).toEqual({ verdict: 'ok' });
    expect(models.download).not.toHaveBeenCalled();
  });
});
