import { describe, expect, it } from 'vitest';
import { CHECKING_SPEED, describeDownloadCheck, judgeDownload, uncheckedBecause } from './download-check';
import { CURATED_MODELS } from './models';
import type { BackendChoice, ModelSpec } from '../messaging/protocol';

const wasm: BackendChoice = { engine: 'cpu', reason: 'no GPU' };
const gpu: BackendChoice = { engine: 'webllm', reason: 'WebGPU' };
const byId = (id: string) => CURATED_MODELS.find((m) => m.id === id)!;
const llama1b = byId('gguf:llama-3.2-1b-instruct-q4_k_m'); // 808 MB
const smol360 = byId('gguf:smollm2-360m-instruct-q8_0'); // 386 MB
const smol135 = byId('gguf:smollm2-135m-instruct-q8_0'); // 145 MB
const speeds = (gbPerSec: number) => ({ device: { weightBytesPerSec: gbPerSec * 1e9, threads: 2, at: 0 }, measured: {} });

describe('judgeDownload: the re-check before a download', () => {
  it('a model that stays usable here downloads as asked', () => {
    expect(judgeDownload(smol360, CURATED_MODELS, wasm, speeds(20), true)).toEqual({ verdict: 'ok' });
  });

  it('a model too slow here gets the largest one that stays usable, with the measured and needed words/s', () => {
    const check = judgeDownload(llama1b, CURATED_MODELS, wasm, speeds(10), true);
    expect(check.verdict).toBe('smaller');
    if (check.verdict !== 'smaller') return;
    expect(check.suggestion.sizeBytes!).toBeLessThan(llama1b.sizeBytes!);
    expect(check.wordsPerSec).toBeCloseTo((10e9 / llama1b.sizeBytes!) * 0.75, 1);
    expect(check.neededWordsPerSec).toBeGreaterThan(check.wordsPerSec);
    expect(check.suggestedWordsPerSec).toBeGreaterThan(check.wordsPerSec);
  });

  it('the smallest model, even when slow, downloads: there is nothing smaller to suggest', () => {
    expect(judgeDownload(smol135, CURATED_MODELS, wasm, speeds(0.5), true)).toEqual({ verdict: 'ok' });
  });

  it("Hearth's own pick moves up when the device measured faster; a model the user chose does not", () => {
    expect(judgeDownload(smol135, CURATED_MODELS, wasm, speeds(40), false)).toMatchObject({ verdict: 'larger', suggestion: { id: llama1b.id } });
    expect(judgeDownload(smol135, CURATED_MODELS, wasm, speeds(40), true)).toEqual({ verdict: 'ok' });
  });

  it('real answers correct the kernel figure', () => {
    expect(judgeDownload(llama1b, CURATED_MODELS, wasm, { ...speeds(10), answers: [30e9] }, true)).toEqual({ verdict: 'ok' });
  });

  it('no check on a GPU, for a GPU model, or a model of unknown size', () => {
    expect(judgeDownload(llama1b, CURATED_MODELS, gpu, speeds(1), true)).toEqual({ verdict: 'ok' });
    const webllm = CURATED_MODELS.find((m) => m.engine === 'webllm')!;
    expect(judgeDownload(webllm, CURATED_MODELS, wasm, speeds(1), true)).toEqual({ verdict: 'ok' });
    const added: ModelSpec = { ...llama1b, id: 'url:x', custom: true, sizeBytes: undefined };
    expect(judgeDownload(added, CURATED_MODELS, wasm, speeds(1), true)).toEqual({ verdict: 'ok' });
  });

  it('an added model too slow here is warned about like a curated one', () => {
    const added: ModelSpec = { ...llama1b, id: 'url:x', custom: true, label: 'big.gguf' };
    expect(judgeDownload(added, CURATED_MODELS, wasm, speeds(10), true).verdict).toBe('smaller');
  });

  it('a device that could not be measured is unchecked, with the reason', () => {
    expect(judgeDownload(llama1b, CURATED_MODELS, wasm, { device: null, measured: {} }, true)).toEqual({
      verdict: 'unchecked', reason: "this device's speed could not be measured",
    });
  });
});

describe('what the user reads', () => {
  it('says it is checking', () => {
    expect(CHECKING_SPEED).toBe("Checking this device's speed…");
  });

  it('a smaller suggestion gives the measured words/s against what the model needs, and the suggestion', () => {
    const check = judgeDownload(llama1b, CURATED_MODELS, wasm, speeds(10), true);
    const text = describeDownloadCheck(llama1b, check);
    expect(text).toMatch(/^Checked just now: Llama .+ would write about \d+(\.5)? words\/s on this device\. /);
    expect(text).toMatch(/needs about \d+ words\/s here to keep at least 11 words\/s \(faster than you read\) when other programs are busy\./);
    expect(text).toMatch(/Hearth suggests .+ \([\d.]+ MB, about \d+ words\/s here\) instead\.$/);
  });

  it('a larger suggestion says the device is faster than first measured', () => {
    const check = judgeDownload(smol135, CURATED_MODELS, wasm, speeds(40), false);
    expect(describeDownloadCheck(smol135, check)).toMatch(/^Checked just now: this device is faster than first measured\. .+ \([\d.]+ MB\) writes about \d+ words\/s here and stays usable when other programs are busy; Hearth suggests it instead of SmolLM2 135M \(CPU\)\.$/);
  });

  it('a failed check becomes a note, and the download goes ahead', () => {
    const check = uncheckedBecause(new Error('no kernels'));
    expect(check).toEqual({ verdict: 'unchecked', reason: 'no kernels' });
    expect(describeDownloadCheck(llama1b, check)).toBe("Hearth could not check this device's speed (no kernels), so it downloads Llama 3.2 1B (CPU) as asked.");
    expect(describeDownloadCheck(llama1b, { verdict: 'ok' })).toBeNull();
  });
});
