import { describe, expect, it } from 'vitest';
import { recommendModel } from './recommend';
import { CURATED_MODELS, pickDefaultModel } from './models';
import type { BackendChoice } from '../messaging/protocol';

const wasm: BackendChoice = { engine: 'cpu', reason: 'no GPU' };
const at = 0;

describe('recommendModel', () => {
  it('recommends what the first run picks on a measured CPU, and says how fast it is', () => {
    const device = { weightBytesPerSec: 10e9, threads: 2, at };
    const r = recommendModel(CURATED_MODELS, wasm, { device, measured: {} })!;
    expect(r.modelId).toBe(pickDefaultModel(wasm, CURATED_MODELS, device).id);
    expect(r.why).toBe("The largest model that still writes at least 11 words/s on this device's CPU when other programs are busy "
      + '(about 19 words/s here, about 11 words/s when the device is busy).');
  });

  it('a faster device gets a larger model', () => {
    const slow = recommendModel(CURATED_MODELS, wasm, { device: { weightBytesPerSec: 3e9, threads: 2, at }, measured: {} })!;
    const fast = recommendModel(CURATED_MODELS, wasm, { device: { weightBytesPerSec: 40e9, threads: 2, at }, measured: {} })!;
    const size = (id: string) => CURATED_MODELS.find((m) => m.id === id)!.sizeBytes!;
    expect(size(fast.modelId)).toBeGreaterThan(size(slow.modelId));
  });

  it('says when even the smallest is slow', () => {
    const r = recommendModel(CURATED_MODELS, wasm, { device: { weightBytesPerSec: 0.5e9, threads: 1, at }, measured: {} })!;
    expect(r.why).toMatch(/^The smallest model: none keeps 11 words\/s on this device's CPU when it is busy \(this one about \d+(\.5)? words\/s here\)\.$/);
  });

  it('an unmeasured CPU gets the first CPU model, with that reason', () => {
    const r = recommendModel(CURATED_MODELS, wasm, null)!;
    expect(r.modelId).toBe(pickDefaultModel(wasm).id);
    expect(r.why).toMatch(/not been measured/);
  });

  it('ignores models added by URL', () => {
    expect(recommendModel([{ ...CURATED_MODELS.at(-1)!, id: 'url:x', custom: true }], wasm, null)).toBeNull();
  });

  it('says when the estimate comes from the answers written here, and follows them', () => {
    const device = { weightBytesPerSec: 10e9, threads: 2, at };
    const r = recommendModel(CURATED_MODELS, wasm, { device, measured: {}, answers: [20e9] })!;
    expect(r.modelId).toBe('gguf:llama-3.2-1b-instruct-q4_k_m'); // real answers say twice the kernel figure
    expect(r.why).toMatch(/, from the answers written here\)\.$/);
  });
});
