import type { ReadingProgress } from '../messaging/protocol';

/** What the user is told while the model reads a prompt, before its first word. */
export interface ReadingEstimate {
  doneTokens: number;
  /** 0 when neither the engine nor the caller knows the prompt's size. */
  totalTokens: number;
  /** Null until a speed is known (the engine's, one measured here, or one from an earlier answer). */
  secondsLeft: number | null;
  /** True when the figures are the caller's estimate, not counts from the engine. */
  estimated: boolean;
}

export interface ReadingTrackerOptions {
  /** The caller's own estimate of the prompt's tokens, used until the engine gives a total. */
  expectedTokens?: number;
  /** Prompt reading speed seen on an earlier answer, used only when the host sent none (its speed book, the one
   * record of reading speeds, comes in the first event once the model is loaded). */
  priorTokensPerSec?: number;
  now?: () => number;
}

/**
 * Turns the engine's reading events into "how far, how long": the engine's own rate when it gives one, else the
 * rate measured between its counts, else an earlier answer's; with none of these, no time left is given. An engine that reports nothing but the start
 * (wllama) gets an estimate that advances with the clock at the earlier answer's speed.
 */
export function createReadingTracker(options: ReadingTrackerOptions = {}) {
  const now = options.now ?? (() => performance.now());
  let startedAt: number | null = null;
  let first: { at: number; done: number } | null = null;
  let last: (ReadingProgress & { at: number }) | null = null;
  /** The rate the host remembered for this model (lib/llm/host/speed-book.ts), sent before any token is read. */
  let remembered: number | undefined;

  function rate(): number | null {
    if (last?.tokensPerSec && last.tokensPerSec > 0) return last.tokensPerSec;
    // Measured only between the engine's own counts: its first count is what its cache already held (read in no
    // time), so a rate from the start of reading to it would say "almost done" at 48 of 894 tokens.
    if (first && last && last.at > first.at && last.doneTokens > first.done) return ((last.doneTokens - first.done) * 1000) / (last.at - first.at);
    const prior = remembered ?? options.priorTokensPerSec;
    return prior && prior > 0 ? prior : null;
  }

  return {
    /** Reading began (the model is loaded); also implied by the first update. */
    start() {
      startedAt ??= now();
    },
    update(p: ReadingProgress) {
      const at = now();
      startedAt ??= at;
      if (p.doneTokens === 0 && p.tokensPerSec && p.tokensPerSec > 0) remembered = p.tokensPerSec;
      if (p.totalTokens > 0 && !first) first = { at, done: p.doneTokens };
      last = { ...p, at };
    },
    estimate(): ReadingEstimate | null {
      if (startedAt === null) return null;
      const t = now();
      const r = rate();
      if (last && last.totalTokens > 0 && last.doneTokens > 0) {
        const left = r ? Math.max(0, (last.totalTokens - last.doneTokens) / r - (t - last.at) / 1000) : null;
        return { doneTokens: last.doneTokens, totalTokens: last.totalTokens, secondsLeft: left, estimated: false };
      }
      const total = last?.totalTokens || options.expectedTokens || 0;
      const done = r && total ? Math.min(total, Math.floor((r * (t - startedAt)) / 1000)) : 0;
      return { doneTokens: done, totalTokens: total, secondsLeft: r && total ? Math.max(0, (total - done) / r) : null, estimated: !last?.totalTokens };
    },
  };
}

export type ReadingTracker = ReturnType<typeof createReadingTracker>;

const n = (x: number) => Math.round(x).toLocaleString('en-US');

/** "about 40 s left", "about 2 min left", "almost done": rounded so the figure does not flicker. */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 3) return 'almost done';
  if (seconds < 60) return `about ${seconds < 15 ? Math.round(seconds) : Math.round(seconds / 5) * 5} s left`;
  const minutes = Math.round(seconds / 60);
  return `about ${minutes} min left`;
}

/** "340 of 1,020 tokens · about 40 s left"; estimates say "about"; null when the size is not known. */
export function formatReadingDetail(e: ReadingEstimate): string | null {
  if (!e.totalTokens) return null;
  const left = e.secondsLeft === null ? '' : ` · ${formatTimeLeft(e.secondsLeft)}`;
  if (e.estimated) return e.doneTokens > 0 ? `about ${n(e.doneTokens)} of ${n(e.totalTokens)} tokens${left}` : `about ${n(e.totalTokens)} tokens${left}`;
  return `${n(e.doneTokens)} of ${n(e.totalTokens)} tokens${left}`;
}

/** "Reading 340 of 1,020 tokens · about 40 s left", or "Reading the text…" when its size is not known. */
export function formatReading(e: ReadingEstimate): string {
  const detail = formatReadingDetail(e);
  return detail ? `Reading ${detail}` : 'Reading the text…';
}
