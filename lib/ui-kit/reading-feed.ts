import type { ReadingProgress } from '../messaging/protocol';
import { createReadingTracker, type ReadingEstimate, type ReadingTrackerOptions } from './reading-estimate';

export interface ReadingFeedDeps {
  now?: () => number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  /** How often the estimate is refreshed between the engine's events (the time left counts down). */
  everyMs?: number;
}

/**
 * One prompt's reading progress for a view: fed the engine's events, it publishes an estimate at once and then
 * every second until `end` (the first token, a new step, or the end of the answer), then publishes null.
 */
export function createReadingFeed(publish: (estimate: ReadingEstimate | null) => void, deps: ReadingFeedDeps = {}) {
  const every = deps.everyMs ?? 1000;
  const startTimer = deps.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const stopTimer = deps.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));
  let tracker: ReturnType<typeof createReadingTracker> | null = null;
  let timer: unknown = null;

  const show = () => publish(tracker?.estimate() ?? null);
  return {
    /** An event from the engine; `options` (the caller's estimate of the prompt, an earlier speed) on the first. */
    event(progress: ReadingProgress, options: Omit<ReadingTrackerOptions, 'now'> = {}) {
      tracker ??= createReadingTracker({ ...options, now: deps.now });
      tracker.update(progress);
      if (timer === null) timer = startTimer(show, every);
      show();
    },
    /** Reading is over (or never mattered): stop the clock and clear what is shown. */
    end() {
      if (timer !== null) stopTimer(timer);
      const wasShowing = tracker !== null;
      timer = null;
      tracker = null;
      if (wasShowing) publish(null);
    },
    get active() {
      return tracker !== null;
    },
  };
}
