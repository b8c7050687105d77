import { describe, expect, it, vi } from 'vitest';
import { ANSWERS_KEPT, createSpeedBook, MIN_TOKENS_TO_RECORD } from './speed-book';
import type { GenerateStats, ModelSpec } from '../../messaging/protocol';

const memory = () => {
  const m = new Map<string, string>();
  return { get: (k: string) => m.get(k) ?? null, set: (k: string, v: string) => void m.set(k, v), m };
};
const model = (id: string, over: Partial<ModelSpec> = {}): ModelSpec => ({ id, label: id, engine: 'cpu', source: `https://x/${id}.gguf`, contextTokens: 4096, ...over });
const stats = (over: Partial<GenerateStats> = {}): GenerateStats => ({ promptTokens: 10, completionTokens: 40, timeToFirstTokenMs: 5, decodeTokensPerSec: 12.345, finishReason: 'stop', ...over });

describe('speed book', () => {
  it('records the latest real decode speed per model, ignoring runs too short or stopped to mean much', async () => {
    const storage = memory();
    const book = createSpeedBook({ storage });
    book.recordRun(model('a'), stats());
    book.recordRun(model('b'), stats({ completionTokens: MIN_TOKENS_TO_RECORD - 1 }));
    book.recordRun(model('c'), stats({ finishReason: 'aborted' }));
    book.recordRun(model('d'), stats({ decodeTokensPerSec: undefined }));
    expect((await book.speeds()).measured).toEqual({ a: 12.35 });
    book.recordRun(model('a'), stats({ decodeTokensPerSec: 20 }));
    expect((await createSpeedBook({ storage }).speeds()).measured).toEqual({ a: 20 }); // kept across sessions
  });

  it('records how fast each model read its prompt, for the next answer’s time left', () => {
    const book = createSpeedBook({ storage: memory() });
    expect(book.prefillRate('a')).toBeUndefined();
    book.recordRun(model('a'), stats({ promptTokens: 300, prefillTokensPerSec: 41.234 }));
    book.recordRun(model('b'), stats({ promptTokens: 3, prefillTokensPerSec: 500 })); // too short a prompt to tell
    expect(book.prefillRate('a')).toBe(41.23);
    expect(book.prefillRate('b')).toBeUndefined();
  });

  it('measures the device once, on request, and keeps the result', async () => {
    const storage = memory();
    const measureDevice = vi.fn(async () => ({ weightBytesPerSec: 3e9, threads: 1, at: 7 }));
    const book = createSpeedBook({ storage, measureDevice });
    expect((await book.speeds()).device).toBeNull(); // not asked to measure
    const [x, y] = await Promise.all([book.speeds(true), book.speeds(true)]);
    expect(x.device).toEqual({ weightBytesPerSec: 3e9, threads: 1, at: 7 });
    expect(y.device).toEqual(x.device);
    await book.speeds(true);
    expect(measureDevice).toHaveBeenCalledOnce();
  });

  it('keeps the latest real CPU answers as weight bytes a second, to correct the estimate', async () => {
    const book = createSpeedBook({ storage: memory() });
    book.recordRun(model('cpu', { sizeBytes: 400e6 }), stats({ decodeTokensPerSec: 25 }));
    book.recordRun(model('gpu', { sizeBytes: 400e6, engine: 'webllm' }), stats({ decodeTokensPerSec: 90 })); // not the CPU
    book.recordRun(model('unknown-size'), stats({ decodeTokensPerSec: 30 }));
    book.recordRun(model('cpu', { sizeBytes: 400e6 }), stats({ decodeTokensPerSec: 20, completionTokens: 3 })); // too short
    expect((await book.speeds()).answers).toEqual([10e9]);
    for (let i = 1; i <= ANSWERS_KEPT; i++) book.recordRun(model('cpu', { sizeBytes: 1e6 }), stats({ decodeTokensPerSec: i }));
    expect((await book.speeds()).answers).toEqual(Array.from({ length: ANSWERS_KEPT }, (_, i) => (i + 1) * 1e6)); // the latest only
  });

  it('re-checks the stored measurement on request, replacing it only with a clearly faster one', async () => {
    const storage = memory();
    const results = [3e9, 2e9, 4e9, 4.6e9]; // first run; busy re-check; close re-check (noise); clearly faster
    const measureDevice = vi.fn(async () => ({ weightBytesPerSec: results.shift()!, threads: 2, at: 1 }));
    const book = createSpeedBook({ storage, measureDevice });
    expect((await book.speeds(true)).device?.weightBytesPerSec).toBe(3e9);
    expect((await book.speeds(true, true)).device?.weightBytesPerSec).toBe(3e9); // slower: today's load, not the device
    expect((await book.speeds(true, true)).device?.weightBytesPerSec).toBe(3e9); // 1.33x: within the noise
    expect((await book.speeds(false, true)).device?.weightBytesPerSec).toBe(4.6e9); // 1.53x: the first run was loaded
    expect(measureDevice).toHaveBeenCalledTimes(4);
    await book.speeds(true);
    expect(measureDevice).toHaveBeenCalledTimes(4); // measure alone never runs again once there is a figure
  });

  it('survives a failed measurement and a damaged record', async () => {
    const storage = memory();
    storage.set('hearth:speeds', '{not json');
    const book = createSpeedBook({ storage, measureDevice: async () => { throw new Error('no kernels'); } });
    expect(await book.speeds(true)).toEqual({ device: null, measured: {} });
  });
});
