import { describe, expect, it } from 'vitest';
import { createReadingTracker, formatReading, formatTimeLeft } from './reading-estimate';

function clock() {
  let t = 1000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('reading progress maths', () => {
  it('uses the engine’s own rate when it gives one', () => {
    const c = clock();
    const r = createReadingTracker({ now: c.now });
    r.start();
    c.advance(500);
    r.update({ doneTokens: 340, totalTokens: 1020, tokensPerSec: 17 });
    expect(r.estimate()).toEqual({ doneTokens: 340, totalTokens: 1020, secondsLeft: 40, estimated: false });
    expect(formatReading(r.estimate()!)).toBe('Reading 340 of 1,020 tokens · about 40 s left');
    c.advance(10_000); // no event for 10 s: the time left still counts down
    expect(r.estimate()!.secondsLeft).toBeCloseTo(30);
  });

  it('measures the rate between events when the engine gives none', () => {
    const c = clock();
    const r = createReadingTracker({ now: c.now });
    r.update({ doneTokens: 0, totalTokens: 0 }); // "started": the model is loaded, size not said yet
    c.advance(2000);
    r.update({ doneTokens: 64, totalTokens: 640 });
    c.advance(4000);
    r.update({ doneTokens: 192, totalTokens: 640 }); // 128 tokens in 4 s: 32 tokens/s
    expect(r.estimate()).toMatchObject({ doneTokens: 192, totalTokens: 640, secondsLeft: 14, estimated: false });
  });

  it('gives no time left before a speed is known: the first count is what the cache held, read in no time', () => {
    const c = clock();
    const r = createReadingTracker({ now: c.now });
    r.update({ doneTokens: 0, totalTokens: 0 }); // the host: the model is loaded
    c.advance(5);
    r.update({ doneTokens: 48, totalTokens: 894 }); // the engine: 48 tokens were in its cache already
    expect(r.estimate()).toEqual({ doneTokens: 48, totalTokens: 894, secondsLeft: null, estimated: false });
    expect(formatReading(r.estimate()!)).toBe('Reading 48 of 894 tokens');
    c.advance(3000);
    expect(formatReading(r.estimate()!)).toBe('Reading 48 of 894 tokens'); // time passing is no speed either
    r.update({ doneTokens: 144, totalTokens: 894 }); // 96 tokens in 3 s: 32 tokens/s, 750 left
    expect(r.estimate()!.secondsLeft).toBeCloseTo(23.4, 1);
    expect(formatReading(r.estimate()!)).toBe('Reading 144 of 894 tokens · about 25 s left');
  });

  it('with a cached start and an earlier answer’s speed, counts the time left from that speed', () => {
    const c = clock();
    const r = createReadingTracker({ now: c.now, priorTokensPerSec: 20 });
    r.update({ doneTokens: 0, totalTokens: 0 });
    c.advance(5);
    r.update({ doneTokens: 48, totalTokens: 894 });
    expect(formatReading(r.estimate()!)).toBe('Reading 48 of 894 tokens · about 40 s left'); // 846 at 20/s: 42 s
  });

  it('an engine that reports nothing gets the caller’s estimate, advancing at an earlier answer’s speed', () => {
    const c = clock();
    const r = createReadingTracker({ now: c.now, expectedTokens: 1000, priorTokensPerSec: 20 });
    expect(r.estimate()).toBeNull(); // not reading yet: the model may still be loading
    r.update({ doneTokens: 0, totalTokens: 0 });
    expect(r.estimate()).toEqual({ doneTokens: 0, totalTokens: 1000, secondsLeft: 50, estimated: true });
    expect(formatReading(r.estimate()!)).toBe('Reading about 1,000 tokens · about 50 s left');
    c.advance(10_000);
    expect(r.estimate()).toEqual({ doneTokens: 200, totalTokens: 1000, secondsLeft: 40, estimated: true });
    expect(formatReading(r.estimate()!)).toBe('Reading about 200 of 1,000 tokens · about 40 s left');
    c.advance(100_000);
    expect(r.estimate()).toMatchObject({ doneTokens: 1000, secondsLeft: 0 }); // never past the end
  });

  it('a silent engine that starts with a known reading speed gets a time left from it', () => {
    const c = clock();
    const r = createReadingTracker({ now: c.now, expectedTokens: 600 });
    r.update({ doneTokens: 0, totalTokens: 0, tokensPerSec: 30 });
    expect(formatReading(r.estimate()!)).toBe('Reading about 600 tokens · about 20 s left');
    c.advance(5000);
    expect(r.estimate()).toEqual({ doneTokens: 150, totalTokens: 600, secondsLeft: 15, estimated: true });
  });

  it('keeps the speed the host remembered (sent before reading) after the engine’s own events say no rate', () => {
    const c = clock();
    const r = createReadingTracker({ now: c.now });
    r.update({ doneTokens: 0, totalTokens: 0, tokensPerSec: 20 }); // the host's speed book, once the model is loaded
    r.update({ doneTokens: 0, totalTokens: 1000 }); // the engine: the prompt's size, nothing read yet
    c.advance(10_000);
    expect(r.estimate()).toEqual({ doneTokens: 200, totalTokens: 1000, secondsLeft: 40, estimated: false });
  });

  it('says no more than it knows', () => {
    const r = createReadingTracker({ now: clock().now });
    r.start();
    expect(formatReading(r.estimate()!)).toBe('Reading the text…');
    const sized = createReadingTracker({ now: clock().now, expectedTokens: 300 });
    sized.start();
    expect(formatReading(sized.estimate()!)).toBe('Reading about 300 tokens');
  });

  it('rounds the time left so it does not flicker', () => {
    expect(formatTimeLeft(1.2)).toBe('almost done');
    expect(formatTimeLeft(9.4)).toBe('about 9 s left');
    expect(formatTimeLeft(38)).toBe('about 40 s left');
    expect(formatTimeLeft(59)).toBe('about 60 s left');
    expect(formatTimeLeft(150)).toBe('about 3 min left');
  });
});
