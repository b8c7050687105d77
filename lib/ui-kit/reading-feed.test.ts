import { describe, expect, it } from 'vitest';
import { createReadingFeed } from './reading-feed';
import type { ReadingEstimate } from './reading-estimate';

function fakeClock() {
  let t = 0;
  const timers = new Map<number, () => void>();
  let next = 1;
  return {
    now: () => t,
    setInterval: (fn: () => void) => (timers.set(next, fn), next++),
    clearInterval: (h: unknown) => timers.delete(h as number),
    tick(ms: number) {
      t += ms;
      for (const fn of timers.values()) fn();
    },
    timers,
  };
}

describe('reading feed', () => {
  it('publishes on each event and each second, and clears itself at the end', () => {
    const clock = fakeClock();
    const shown: (ReadingEstimate | null)[] = [];
    const feed = createReadingFeed((e) => shown.push(e), clock);
    feed.event({ doneTokens: 0, totalTokens: 0 }, { expectedTokens: 600, priorTokensPerSec: 30 });
    expect(shown.at(-1)).toMatchObject({ doneTokens: 0, totalTokens: 600, secondsLeft: 20, estimated: true });
    clock.tick(1000);
    expect(shown.at(-1)).toMatchObject({ doneTokens: 30, secondsLeft: 19 });
    feed.event({ doneTokens: 300, totalTokens: 640, tokensPerSec: 34 });
    expect(shown.at(-1)).toMatchObject({ doneTokens: 300, totalTokens: 640, secondsLeft: 10, estimated: false });
    expect(clock.timers.size).toBe(1); // one clock, however many events
    feed.end();
    expect(shown.at(-1)).toBeNull();
    expect(clock.timers.size).toBe(0);
    expect(feed.active).toBe(false);
    const count = shown.length;
    feed.end(); // ending twice shows nothing more
    expect(shown.length).toBe(count);
  });

  it('starts afresh for the next prompt', () => {
    const clock = fakeClock();
    const shown: (ReadingEstimate | null)[] = [];
    const feed = createReadingFeed((e) => shown.push(e), clock);
    feed.event({ doneTokens: 10, totalTokens: 20, tokensPerSec: 10 });
    feed.end();
    feed.event({ doneTokens: 0, totalTokens: 0 }, { expectedTokens: 99 });
    expect(shown.at(-1)).toMatchObject({ totalTokens: 99, estimated: true, secondsLeft: null });
  });
});
