import { describe, expect, it } from 'vitest';
import { createPrimeProgress } from './prime-progress';

describe('what the host knows of a prime’s reading', () => {
  it('measures the speed over the prime’s own batches, from where each run started', () => {
    let t = 0;
    const book = createPrimeProgress(() => t);
    book.started('ask:1', 'm');
    book.read('ask:1', 100, 1000); // the cache already held 100 tokens: not read by this run
    expect(book.get('ask:1', 'm')).toEqual({ doneTokens: 100, totalTokens: 1000, tokensPerSec: null });
    expect(book.get('ask:1', 'm', 80)).toMatchObject({ tokensPerSec: 80 }); // the model's last measured speed meanwhile
    t = 2000;
    book.read('ask:1', 400, 1000);
    expect(book.get('ask:1', 'm', 80)).toEqual({ doneTokens: 400, totalTokens: 1000, tokensPerSec: 150 });
    // Preempted, then resumed an hour later: the pause is not counted as reading.
    t = 3_600_000;
    book.started('ask:1', 'm');
    book.read('ask:1', 400, 1000);
    expect(book.get('ask:1', 'm')?.tokensPerSec).toBe(150);
    t += 1000;
    book.read('ask:1', 500, 1000);
    expect(book.get('ask:1', 'm')).toEqual({ doneTokens: 500, totalTokens: 1000, tokensPerSec: 100 });
  });

  it("a prime offered but not started yet: nothing read, at the model's last measured speed", () => {
    const book = createPrimeProgress(() => 0);
    book.offered('ask:1', 'm');
    expect(book.get('ask:1', 'm', 90)).toEqual({ doneTokens: 0, totalTokens: 0, tokensPerSec: 90 });
    book.started('ask:1', 'm');
    book.read('ask:1', 40, 100);
    book.offered('ask:1', 'm'); // the same key again (after an answer): what the cache holds stands until it runs
    expect(book.get('ask:1', 'm')).toMatchObject({ doneTokens: 40, totalTokens: 100 });
  });

  it('says nothing of a prime read on another model, or of a key never primed', () => {
    const book = createPrimeProgress(() => 0);
    book.started('ask:1', 'm');
    book.read('ask:1', 10, 20);
    expect(book.get('ask:1', 'other')).toBeNull();
    expect(book.get('ask:2', 'm')).toBeNull();
    book.started('ask:1', 'other'); // the same page primed on another model starts again, from nothing
    expect(book.get('ask:1', 'other')).toEqual({ doneTokens: 0, totalTokens: 0, tokensPerSec: null });
  });

  it('remembers a bounded number of keys, the oldest forgotten first', () => {
    const book = createPrimeProgress(() => 0);
    for (let i = 0; i < 40; i++) {
      book.started(`ask:${i}`, 'm');
      book.read(`ask:${i}`, 1, 2);
    }
    expect(book.get('ask:0', 'm')).toBeNull();
    expect(book.get('ask:39', 'm')).toMatchObject({ doneTokens: 1 });
  });
});
