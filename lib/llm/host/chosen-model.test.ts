import { describe, expect, it, vi } from 'vitest';
import { chosenModelHandlers } from './chosen-model';
import { CURATED_MODELS } from '../models';
import { NoModelError } from '../../messaging/errors';

const model = CURATED_MODELS.find((m) => m.engine === 'cpu')!;

describe('chosen model handlers', () => {
  it('report and download only the chosen model', async () => {
    const models = {
      list: vi.fn(async (l: typeof model[]) => l.map((m) => ({ modelId: m.id, cached: false as const }))),
      download: vi.fn(async (m: typeof model) => ({ modelId: m.id, cached: false as const })),
    };
    const h = chosenModelHandlers({ status: async () => ({ model }) }, models);
    expect(await h['llm.chosenModel']()).toEqual({ model, state: { modelId: model.id, cached: false } });
    await h['llm.downloadChosen']();
    expect(models.download).toHaveBeenCalledWith(model);
  });

  it('with no chosen model, says so and downloads nothing', async () => {
    const models = { list: vi.fn(), download: vi.fn() };
    const h = chosenModelHandlers({ status: async () => ({ model: null }) }, models);
    expect(await h['llm.chosenModel']()).toEqual({ model: null, state: null });
    await expect(h['llm.downloadChosen']()).rejects.toBeInstanceOf(NoModelError);
    expect(models.download).not.toHaveBeenCalled();
  });
});
