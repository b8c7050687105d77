import type { GenerateRequest } from '../messaging/protocol';
import { countWords } from '../page-text/count-words';
import type { LlmEngine } from './engine';
import { BUILTIN_MODEL } from './builtin-ai';
import { USABLE_TOKENS_PER_SEC, WORDS_PER_TOKEN } from './speed-estimate';

/**
 * Is Chrome's built-in model usable here? Chrome says only whether it is *available*, not how fast it runs on this
 * device (Gemini Nano runs on the GPU, or on the CPU where Chrome allows it), so the first-run offer times a short
 * answer through the built-in engine before it proposes it over a download of Hearth's own. Pure: the engine and the
 * clock come in as parameters.
 */

/** The speed Hearth calls usable (lib/llm/speed-estimate.ts owns it), in words a second. */
export const usableWordsPerSec = () => USABLE_TOKENS_PER_SEC * WORDS_PER_TOKEN;

/** A few dozen words of plain prose: enough pieces to time, short enough to be over in seconds. */
export const PROBE_REQUEST: GenerateRequest = Object.freeze({
  input: { kind: 'chat', messages: [{ role: 'user', content: 'Describe a walk through a garden in spring in about forty words.' }] },
  options: { temperature: 0, maxTokens: 48 },
}) as GenerateRequest;

/** Starting Chrome's model (create()) and the answer, together; a model that has not answered by then is not usable. */
export const PROBE_TIMEOUT_MS = 30_000;

export type BuiltinSpeed =
  | { verdict: 'usable'; wordsPerSec: number }
  | { verdict: 'slow'; wordsPerSec: number; reason: string }
  | { verdict: 'failed'; reason: string }
  /** The caller stopped it (the popup closed): nothing is known. */
  | { verdict: 'aborted' };

export interface ProbeDeps {
  /** A built-in engine (lib/llm/host/builtin-engine.ts) of its own: it is loaded, asked once, and unloaded. */
  engine: LlmEngine;
  now?: () => number;
  timeoutMs?: number;
  /** Stops the probe (the page closed); it then resolves 'aborted' at once. */
  signal?: AbortSignal;
}

/** "4.2" below 10, "13" above: no more precision than a few dozen words give. */
export const roundWords = (wps: number) => (wps >= 10 ? String(Math.round(wps * 2) / 2) : wps.toFixed(1));

const FALLBACK = 'so Hearth offers its own model';

export function slowReason(wordsPerSec: number, usable = usableWordsPerSec()): string {
  return `Chrome's built-in model answered at ${roundWords(wordsPerSec)} words/s here, below the ${roundWords(usable)} words/s Hearth needs to keep up with reading, ${FALLBACK}.`;
}

/** Words a second over the answer: from its first piece to its last (the prompt's reading is not the writing speed). */
export function wordsPerSecOf(pieces: { at: number; text: string }[], startedAt: number): number | null {
  if (!pieces.length) return null;
  const total = countWords(pieces.map((p) => p.text).join(''));
  const first = countWords(pieces[0]!.text);
  const span = pieces.at(-1)!.at - pieces[0]!.at;
  // One piece, or one instant: fall back to the whole time since the prompt was sent.
  if (span <= 0 || total - first < 2) {
    const whole = pieces.at(-1)!.at - startedAt;
    return whole > 0 ? (total * 1000) / whole : null;
  }
  return ((total - first) * 1000) / span;
}

/**
 * Time one short answer of the built-in model. Never hangs: after `timeoutMs` (or the caller's abort) it resolves,
 * stops the answer and unloads the engine once its load has settled.
 */
export async function measureBuiltinSpeed({ engine, now = () => performance.now(), timeoutMs = PROBE_TIMEOUT_MS, signal }: ProbeDeps): Promise<BuiltinSpeed> {
  if (signal?.aborted) return { verdict: 'aborted' };
  const stop = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort = () => {};
  const bounded = new Promise<BuiltinSpeed>((resolve) => {
    timer = setTimeout(() => resolve({ verdict: 'failed', reason: `Chrome's built-in model did not answer within ${Math.round(timeoutMs / 1000)} s here, ${FALLBACK}.` }), timeoutMs);
    onAbort = () => resolve({ verdict: 'aborted' });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  const run = probe(engine, now, stop.signal);
  try {
    return await Promise.race([run, bounded]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    stop.abort();
    // A load still under way is unloaded once it settles; an answer under way ends with the abort above.
    void run.finally(() => engine.unload().catch(() => {}));
  }
}

async function probe(engine: LlmEngine, now: () => number, signal: AbortSignal): Promise<BuiltinSpeed> {
  try {
    await engine.load(BUILTIN_MODEL, () => {});
    if (signal.aborted) return { verdict: 'aborted' };
    const pieces: { at: number; text: string }[] = [];
    const startedAt = now();
    const stats = await engine.generate(PROBE_REQUEST, (text) => void pieces.push({ at: now(), text }), signal);
    if (stats.finishReason === 'aborted') return { verdict: 'aborted' };
    const wps = wordsPerSecOf(pieces, startedAt);
    if (wps === null) return { verdict: 'failed', reason: `Chrome's built-in model gave no answer here, ${FALLBACK}.` };
    return wps >= usableWordsPerSec() ? { verdict: 'usable', wordsPerSec: wps } : { verdict: 'slow', wordsPerSec: wps, reason: slowReason(wps) };
  } catch (err) {
    return { verdict: 'failed', reason: `Chrome's built-in model could not answer here (${(err as Error)?.message ?? err}), ${FALLBACK}.` };
  }
}
