import { describe, expect, it } from 'vitest';
import { chooseKvCache, MAX_CHOSEN_CONTEXT } from './context-size';

// KV bytes per position (forward.ts kvBytesPerToken): layers × 2 × kv heads × head size × 4 (f32; fp16 halves it).
const QWEN_05B = 24 * 2 * 2 * 64 * 4; // 24 KiB in f32
const SMOLLM2_360M = 32 * 2 * 5 * 64 * 4; // 80 KiB in f32
const GIB = 1024 ** 3;

describe('chooseKvCache', () => {
  it('gives a laptop the trained context of a small-KV model, up to the cap, in every slot', () => {
    // 8 GB: 1 GiB for the cache, 3 slots → 341 MiB a slot → 14,336 positions of 24 KiB.
    expect(chooseKvCache({ deviceMemoryGb: 8, trainedContext: 32768, kvBytesPerToken: QWEN_05B, slots: 3, requested: 4096 })).toEqual({
      nCtx: 14336,
      slots: 3,
      bytes: 3 * 14336 * QWEN_05B,
    });
  });

  it('never goes past the model\'s trained context or the cap', () => {
    expect(chooseKvCache({ deviceMemoryGb: 8, trainedContext: 8192, kvBytesPerToken: 1024, slots: 3, requested: 4096 }).nCtx).toBe(8192);
    expect(chooseKvCache({ deviceMemoryGb: 8, trainedContext: 131072, kvBytesPerToken: 1024, slots: 3, requested: 4096 }).nCtx).toBe(MAX_CHOSEN_CONTEXT);
  });

  it('keeps the spec\'s context on a small device, in fewer slots, within the memory share', () => {
    // 2 GB: 256 MiB for the cache; SmolLM2 at 4,096 positions takes 320 MiB a slot: one slot (the spec's context wins).
    const small = chooseKvCache({ deviceMemoryGb: 2, trainedContext: 8192, kvBytesPerToken: SMOLLM2_360M, slots: 3, requested: 4096 });
    expect(small).toMatchObject({ nCtx: 4096, slots: 1 });
    // 4 GB: 512 MiB: still 4,096, one slot of 320 MiB.
    expect(chooseKvCache({ deviceMemoryGb: 4, trainedContext: 8192, kvBytesPerToken: SMOLLM2_360M, slots: 3, requested: 4096 })).toMatchObject({ nCtx: 4096, slots: 1 });
    // Qwen2.5 0.5B on 4 GB: 170 MiB a slot → 7,168 positions, three slots.
    const qwen = chooseKvCache({ deviceMemoryGb: 4, trainedContext: 32768, kvBytesPerToken: QWEN_05B, slots: 3, requested: 4096 });
    expect(qwen).toMatchObject({ nCtx: 7168, slots: 3 });
    expect(qwen.bytes).toBeLessThanOrEqual(4 * GIB / 8);
  });

  it('gives the fp16 cache (half the bytes) twice the positions where memory is the limit', () => {
    const f16 = chooseKvCache({ deviceMemoryGb: 4, trainedContext: 8192, kvBytesPerToken: SMOLLM2_360M / 2, slots: 3, requested: 4096 });
    expect(f16).toMatchObject({ nCtx: 4096, slots: 3 }); // 40 KiB × 4,096 × 3 = 480 MiB of the 512
    expect(chooseKvCache({ deviceMemoryGb: 4, trainedContext: 32768, kvBytesPerToken: QWEN_05B / 2, slots: 3, requested: 4096 }).nCtx).toBe(14336);
  });

  it('assumes a 4 GB device where the browser does not say, and keeps a model trained shorter than the spec at its own', () => {
    const unknown = chooseKvCache({ trainedContext: 32768, kvBytesPerToken: QWEN_05B, slots: 3, requested: 4096 });
    expect(unknown).toEqual(chooseKvCache({ deviceMemoryGb: 4, trainedContext: 32768, kvBytesPerToken: QWEN_05B, slots: 3, requested: 4096 }));
    expect(chooseKvCache({ deviceMemoryGb: 8, trainedContext: 2048, kvBytesPerToken: QWEN_05B, slots: 3, requested: 4096 }).nCtx).toBe(2048);
  });
});
