import { describe, expect, it, vi } from 'vitest';
import { createSpeedBook, MIN_TOKENS_TO_RECORD } from './speed-book';
import type { GenerateStats } from '../../messaging/protocol';

const memory = () => {
  const m = new Map<string, string>();
  return { get: (k: string) => m.get(k) ?? null, set: (k: string, v: string) => void m.set(k, v), m };
};
const stats = (over: Partial<GenerateStats> = {}): GenerateStats => ({ promptTokens: 10, completionTokens: 40, timeToFirstTokenMs: 5, decodeTokensPerSec: 12.345, finishReason: 'stop', ...over });

describe('speed book', () => {
  it('records the latest real decode speed per model, ignoring runs too short or stopped to mean much', async () => {
    const storage = memory();
    const book = createSpeedBook({ storage });
    book.recordRun('a', stats());
    book.recordRun('b', stats({ completionTokens: MIN_TOKENS_TO_RECORD - 1 }));
    book.recordRun('c', stats({ finishReason: 'aborted' }));
    book.recordRun('d', stats({ decodeTokensPerSec: undefined }));
    expect((await book.speeds()).measured).toEqual({ a: 12.35 });
    book.recordRun('a', stats({ decodeTokensPerSec: 20 }));
    expect((await createSpeedBook({ storage }).speeds()).measured).toEqual({ a: 20 }); // kept across sessions
  });

  it('records how fast each model read its prompt, for the next answer’s time left', () => {
    const book = createSpeedBook({ storage: memory() });
    expect(book.prefillRate('a')).toBeUndefined();
    book.recordRun('a', stats({ promptTokens: 300, prefillTokensPerSec: 41.234 }));
    book.recordRun('b', stats({ promptTokens: 3, prefillTokensPerSec: 500 })); // too short a prompt to tell
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

  it('survives a failed measurement and a damaged record', async () => {
    const storage = memory();
    storage.set('hearth:speeds', '{not json');
    const book = createSpeedBook({ storage, measureDevice: async () => { throw new Error('no kernels'); } });
    expect(await book.speeds(true)).toEqual({ device: null, measured: {} });
  });
});
