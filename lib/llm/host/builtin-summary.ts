import type { GenerateStats, SummaryHint } from '../../messaging/protocol';
import { isAbortError, isQuotaExceeded, type SummarizerApi, type SummarizerCoreOptions } from '../builtin-ai';

/** The languages Chrome documents for its Summarizer's output, by the English names Hearth's summaries use. */
const SUMMARY_LANGUAGES: Record<string, string> = { English: 'en', Spanish: 'es', Japanese: 'ja' };

/** Hearth's summary style in the Summarizer's terms: a paragraph is its "tldr", bullets its "key-points". */
export function summarizerOptions(hint: SummaryHint): SummarizerCoreOptions | null {
  const language = hint.language ? SUMMARY_LANGUAGES[hint.language] : undefined;
  // Hearth summarizes in the text's own language: where that is not one the Summarizer writes (or is not known),
  // the Prompt API's summary prompt does it instead.
  if (!language) return null;
  return {
    type: hint.format === 'bullets' ? 'key-points' : 'tldr',
    format: hint.format === 'bullets' ? 'markdown' : 'plain-text',
    length: hint.length,
    expectedInputLanguages: [language],
    outputLanguage: language,
  };
}

const SHARED_CONTEXT = 'A summary for a reader who wants to know what a web page or a passage says.';

/**
 * A one-step summary through Chrome's Summarizer, where it serves: it is on this device now, writes the text's
 * language, and the text fits its input quota (`measureInputUsage`). Returns null when it does not serve, and the
 * caller reads the request's prompt with the Prompt API instead (whose own overflow sends the summary into parts).
 */
export async function summarizeWithChrome(api: SummarizerApi | undefined, hint: SummaryHint, onToken: (t: string) => void, signal: AbortSignal, now: () => number): Promise<GenerateStats | null> {
  const options = api && summarizerOptions(hint);
  // availability() with exactly the options create() gets: Chrome answers for those.
  if (!api || !options || (await api.availability(options).catch(() => 'unavailable')) !== 'available') return null;
  const started = now();
  const summarizer = await api.create({ ...options, sharedContext: SHARED_CONTEXT, signal });
  try {
    const usage = await summarizer.measureInputUsage(hint.text, { signal }).catch((err) => (isQuotaExceeded(err) ? Infinity : Promise.reject(err)));
    if (usage > summarizer.inputQuota) return null;
    let pieces = 0;
    let firstAt: number | null = null;
    const reader = summarizer.summarizeStreaming(hint.text, { signal }).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!value) continue;
        firstAt ??= now();
        pieces++;
        onToken(value);
      }
    } catch (err) {
      if (!(signal.aborted || isAbortError(err))) throw err;
    }
    return { promptTokens: usage, completionTokens: pieces, timeToFirstTokenMs: firstAt === null ? 0 : firstAt - started, finishReason: signal.aborted ? 'aborted' : 'stop' };
  } finally {
    summarizer.destroy();
  }
}
