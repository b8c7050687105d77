import type { GenerateRequest, GenerateStats } from '../messaging/protocol';
import { ContextOverflowError } from '../messaging/errors';
import { splitByChars } from '../summarize/chunk';
import { estimateTokensUpperBound } from '../tokens/estimate';
import { buildTranslateMessages } from './prompt';
import { sameLanguage } from './languages';

export type TranslateRoute = 'translator' | 'model';

/** Chrome's Translator for one pair, as the panel reaches it (view/built-in-translator.ts). */
export interface PairTranslator {
  /** Its input quota in characters' worth (the part size), where Chrome says. */
  readonly maxChars: number;
  translate(text: string, onPiece: (piece: string) => void, signal: AbortSignal): Promise<void>;
  /** Free Chrome's translator once the text is done. */
  destroy(): void;
}

export interface TranslateDeps {
  /** LanguageDetector's best guess (a language code), or null where it has none or is absent. */
  detect(text: string): Promise<string | null>;
  /** Chrome's Translator for the pair when it has it on this device now; null otherwise (absent, needs a download). */
  translatorFor(from: string, to: string): Promise<PairTranslator | null>;
  /** The loaded Hearth model: its context, and one generation streamed. */
  model: {
    contextTokens(): Promise<number>;
    generate(request: GenerateRequest, onToken: (t: string) => void, signal: AbortSignal): Promise<GenerateStats>;
  };
}

export interface TranslateJob {
  text: string;
  to: string;
  /** The page's declared language where it matches the text (languages.ts declaredLanguage). */
  declared: string | null;
}

export interface TranslateEvents {
  onSource(from: string | null, detectedBy: 'detector' | 'page' | null): void;
  onRoute(route: TranslateRoute): void;
  onText(text: string): void;
}

export type TranslateOutcome = { kind: 'same-language'; from: string } | { kind: 'done' | 'stopped'; text: string; route: TranslateRoute; parts: number };

/**
 * Translate a text into `to`: its language detected (LanguageDetector, else the page's `lang`), then Chrome's
 * Translator where it has the pair here, else the loaded model with its own prompt. A long text goes in parts,
 * each streamed into the same output; a part the model refuses as too long is split smaller.
 */
export async function runTranslation(job: TranslateJob, deps: TranslateDeps, events: TranslateEvents, signal: AbortSignal): Promise<TranslateOutcome> {
  const detected = await deps.detect(job.text).catch(() => null);
  const from = detected ?? job.declared;
  events.onSource(from, detected ? 'detector' : job.declared ? 'page' : null);
  if (from && sameLanguage(from, job.to)) return { kind: 'same-language', from };
  const translator = from ? await deps.translatorFor(from, job.to).catch(() => null) : null;
  const route: TranslateRoute = translator ? 'translator' : 'model';
  events.onRoute(route);
  let done = '';
  // Parts report the whole text so far (the parts before, then the one being written).
  const show = (text: string) => events.onText(text);
  let parts: number;
  try {
    parts = translator
      ? await translateParts(splitByChars(job.text, translator.maxChars), (part, onPiece) => translator.translate(part, onPiece, signal).then(() => false), show, (t) => (done = t), signal)
      : await translateWithModel(job, from, deps.model, show, (t) => (done = t), signal);
  } catch (err) {
    if (!signal.aborted) throw err;
    parts = 0; // Stop: what was translated stands
  } finally {
    translator?.destroy();
  }
  return { kind: signal.aborted ? 'stopped' : 'done', text: done, route, parts };
}

type RunPart = (part: string, onPiece: (piece: string) => void) => Promise<boolean>;

/** Each part's pieces after the parts before it (a blank line between parts); returns how many parts ran. */
async function translateParts(parts: string[], run: RunPart, show: (t: string) => void, commit: (t: string) => void, signal: AbortSignal): Promise<number> {
  let text = '';
  let count = 0;
  for (const part of parts) {
    if (signal.aborted) break;
    if (!part.trim()) continue;
    const lead = text ? `${text.trimEnd()}\n\n` : '';
    let out = '';
    await run(part, (piece) => show(lead + (out += piece)));
    text = lead + out;
    commit(text);
    count++;
  }
  return count;
}

async function translateWithModel(job: TranslateJob, from: string | null, model: TranslateDeps['model'], show: (t: string) => void, commit: (t: string) => void, signal: AbortSignal): Promise<number> {
  const context = await model.contextTokens();
  // The translation is about as long as the text: half the context each, less the rules' room.
  let maxTokens = Math.max(64, Math.floor((context - 200) / 2));
  for (let attempt = 0; ; attempt++) {
    const parts = splitToTokens(job.text, maxTokens);
    try {
      return await translateParts(parts, async (part, onPiece) => {
        const request: GenerateRequest = { input: { kind: 'chat', messages: buildTranslateMessages(part, { to: job.to, from }) }, options: { temperature: 0, maxTokens: maxTokens + 64 } };
        await model.generate(request, onPiece, signal);
        return true;
      }, show, commit, signal);
    } catch (err) {
      if (!(err instanceof ContextOverflowError) || attempt >= 3) throw err;
      commit('');
      show('');
      maxTokens = Math.floor(maxTokens / 2);
    }
  }
}

/** Parts whose token count (upper bound, no tokenizer at hand) stays within `maxTokens`. */
export function splitToTokens(text: string, maxTokens: number): string[] {
  let chars = maxTokens * 3;
  for (;;) {
    const parts = splitByChars(text, chars);
    if (chars <= 8 || parts.every((p) => estimateTokensUpperBound(p) <= maxTokens)) return parts;
    chars = Math.floor(chars / 2);
  }
}
