import type { PrimeProgress } from '../../messaging/protocol';

/** Reading this few tokens says little about speed (the first batch carries start-up costs). */
const MIN_TOKENS_FOR_RATE = 16;
/** Keys remembered: the prime lane keeps at most this many waiting, and only the latest of each key counts. */
const MAX_KEYS = 16;

interface Entry {
  modelId: string;
  doneTokens: number;
  totalTokens: number;
  /** Where the current run of this prime started reading, and when. */
  from: { tokens: number; at: number } | null;
  tokensPerSec: number | null;
}

/**
 * What the host knows of each prime's reading (`llm.primeProgress`): tokens cached and the speed this prime read at,
 * measured over its own batches (the same prompt, the same moment's load) — a question asked while a page is still
 * being read is laid out from it (lib/ask/read-ahead.ts). A preempted prime that resumes measures from where it resumed.
 */
export function createPrimeProgress(now: () => number = () => performance.now()) {
  const entries = new Map<string, Entry>();

  /** A run of the prime `key` starts on `modelId` (the engine's first report says what its cache already holds). */
  function started(key: string, modelId: string): void {
    const known = entries.get(key);
    entries.delete(key); // the latest key goes last: the oldest is forgotten first
    const same = known?.modelId === modelId ? known : null;
    entries.set(key, { modelId, doneTokens: same?.doneTokens ?? 0, totalTokens: same?.totalTokens ?? 0, from: null, tokensPerSec: same?.tokensPerSec ?? null });
    while (entries.size > MAX_KEYS) entries.delete(entries.keys().next().value!);
  }

  return {
    started,
    /** A prime of `key` is waiting for the engine: nothing of it read yet, unless an earlier prime of the key read some. */
    offered(key: string, modelId: string): void {
      if (entries.get(key)?.modelId !== modelId) started(key, modelId);
    },
    /** The engine's report after a batch: `done` of `total` prompt tokens are in the cache. */
    read(key: string, done: number, total: number): void {
      const e = entries.get(key);
      if (!e) return;
      const t = now();
      if (!e.from) e.from = { tokens: done, at: t };
      else if (done - e.from.tokens >= MIN_TOKENS_FOR_RATE && t > e.from.at) e.tokensPerSec = ((done - e.from.tokens) * 1000) / (t - e.from.at);
      e.doneTokens = done;
      e.totalTokens = total;
    },
    /** The prime `key` as read on `modelId`; `fallbackRate`: the model's last measured reading speed. */
    get(key: string, modelId: string | null, fallbackRate?: number): PrimeProgress | null {
      const e = entries.get(key);
      if (!e || e.modelId !== modelId) return null; // 0 of 0 tokens: offered, not started
      const rate = e.tokensPerSec ?? (fallbackRate && fallbackRate > 0 ? fallbackRate : null);
      return { doneTokens: e.doneTokens, totalTokens: e.totalTokens, tokensPerSec: rate === null ? null : Math.round(rate * 10) / 10 };
    },
  };
}

export type PrimeProgressBook = ReturnType<typeof createPrimeProgress>;
