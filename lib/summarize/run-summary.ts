import type { ChatMessage, GenerateRequest, GenerateStats, LoadProgress, ReadingProgress, SummaryHint } from '../messaging/protocol';
import type { GenerateHandlers, GenerationHandle } from '../messaging/stream-client';
import { createTokenRatio, messagesTokensUpperBound } from '../tokens/estimate';
import { findChunkEnd } from './chunk';
import { calibrateWithCount, runOrResplit } from '../tokens/count-text';
import {
  buildCombineMessages,
  buildPartMessages,
  buildSummaryMessages,
  MAX_TOKENS,
  PART_NOTES_MAX_TOKENS,
  type SourceInfo,
  type SummaryStyle,
} from './prompt';

export interface SummaryJob {
  text: string;
  info: SourceInfo;
  style: SummaryStyle;
}

export interface SummaryDeps {
  /** The model's context window, in tokens (ModelSpec.contextTokens). */
  contextTokens: number;
  /** One generation over the host's generate port (streamGenerate, in the extension). */
  generate(request: GenerateRequest, handlers: GenerateHandlers): GenerationHandle | Promise<GenerationHandle>;
  /** Tokens by the loaded model's own tokenizer (`llm.countTokens`), or null when it has none at hand. */
  countTokens?(text: string): Promise<number | null>;
}

/** What the caller needs to turn the engine's reading events into "N of M tokens · about T left". */
export interface ReadingContext {
  /** This step's prompt in tokens, as estimated (or counted) here. How fast it is read comes from the host's speed
   * book, in the first reading event. */
  expectedTokens: number;
}

/** read = notes on part `index` of about `total`; combine = merging groups of notes; final = the summary. */
export type SummaryStage = 'read' | 'combine' | 'final';
export interface SummaryStep {
  stage: SummaryStage;
  index: number;
  total: number;
}

export interface SummaryEvents {
  onStep(step: SummaryStep): void;
  /** The current read or combine step's notes so far (a long read shows life). */
  onNotes?(notes: string): void;
  /** The summary so far, as the final step writes it; the outcome's summary is the same text, complete. */
  onSummary(summary: string): void;
  onProgress?(progress: LoadProgress): void;
  /** The model is loaded and reading this step's prompt. */
  onReading?(progress: ReadingProgress, context: ReadingContext): void;
  onQueued?(position: number): void;
}

export interface SummaryOutcome {
  summary: string;
  /** Parts the text was read in (1 when it fit one step). */
  parts: number;
  /** Characters of the text the model saw; less than its length only when stopped. */
  charsRead: number;
  finishReason: GenerateStats['finishReason'];
  stats: GenerateStats | null;
}

/** Room left for the chat template's own tokens and rounding in the estimate. */
const MARGIN_TOKENS = 64;

type TokenRatio = ReturnType<typeof createTokenRatio>;

const promptChars = (messages: ChatMessage[]) => messages.reduce((n, m) => n + m.content.length, 0);
/** The prompt around the text, in tokens at worst (it is short: being pessimistic here costs little). */

/**
 * Summarize a text of any length: one step when it fits the context, otherwise notes on each part (map) that
 * are merged until they fit one last step (reduce). Steps are separate generations, so the host's queue lets
 * other tabs' work in between. Aborting `signal` stops the running step and skips the rest.
 */
export async function runSummary(job: SummaryJob, deps: SummaryDeps, events: SummaryEvents, signal: AbortSignal): Promise<SummaryOutcome> {
  const ratio = createTokenRatio();
  const { text, info, style } = job;
  const finalMax = Math.min(MAX_TOKENS[style.length], Math.floor(deps.contextTokens / 4));
  const notesMax = Math.min(PART_NOTES_MAX_TOKENS, Math.floor(deps.contextTokens / 8));
  /** Characters of text like `sample` that fit beside the prompt `around` it and an answer of `maxOut` tokens. */
  const roomFor = (maxOut: number, around: ChatMessage[], sample: string) =>
    ratio.charsFor(deps.contextTokens - maxOut - MARGIN_TOKENS - messagesTokensUpperBound(around), sample);

  /** One generation; `textChars` of its prompt are the text (or notes), the rest is the prompt around them. */
  async function step(messages: ChatMessage[], textChars: number, maxTokens: number, stage: SummaryStage, summary?: SummaryHint) {
    let out = '';
    const reading: ReadingContext = { expectedTokens: ratio.tokensFor(promptChars(messages), messages.at(-1)!.content.slice(0, 4000)) };
    const handle = await deps.generate(
      { input: { kind: 'chat', messages }, options: { maxTokens, temperature: 0 }, ...(summary ? { summary } : {}) },
      {
        onQueued: events.onQueued,
        onProgress: events.onProgress,
        onReading: (p) => events.onReading?.(p, reading),
        onToken: (t) => {
          out += t;
          if (stage === 'final') events.onSummary(out);
          else events.onNotes?.(out);
        },
      },
    );
    const stop = () => handle.stop();
    signal.addEventListener('abort', stop);
    if (signal.aborted) handle.stop();
    try {
      const stats = await handle.done;
      // Every prompt token is put down to the text: the ratio errs small, never large (the prompt around the
      // text is reserved for separately).
      ratio.learn(textChars, stats.promptTokens);
      return { out, stats };
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  const stopped = (summary: string, parts: number, charsRead: number, stats: GenerateStats | null): SummaryOutcome => ({
    summary, parts, charsRead, finishReason: 'aborted', stats,
  });

  // One step when the text fits: by the engine's exact count when it has one, else by the (safe) estimate.
  const single = oneStepPrompt(job, await calibrateWithCount(ratio, text, deps.countTokens), ratio, deps.contextTokens - finalMax - MARGIN_TOKENS);
  if (single) {
    events.onStep({ stage: 'final', index: 1, total: 1 });
    const result = await runOrResplit(ratio, text.slice(0, 4000), () =>
      // The one-step prompt says what it summarizes: an engine with a summarizer of its own may use that instead.
      step(single, text.length, finalMax, 'final', { text, length: style.length, format: style.format, language: info.language ?? null }));
    if (result !== 'resplit') {
      const { out, stats } = result;
      return { summary: out, parts: 1, charsRead: stats.finishReason === 'aborted' ? 0 : text.length, finishReason: stats.finishReason, stats };
    }
  }

  // Map: notes on each part, sized by the (calibrating) estimate; a part the engine refuses is sized again.
  let notes: string[] = [];
  const partPrompt = buildPartMessages('', info, 999, 999);
  for (let start = 0; start < text.length; ) {
    const sample = text.slice(start, start + 4000);
    const room = Math.max(1, roomFor(notesMax, partPrompt, sample));
    const end = findChunkEnd(text, start, room);
    const total = notes.length + 1 + Math.ceil((text.length - end) / room);
    events.onStep({ stage: 'read', index: notes.length + 1, total });
    const result = await runOrResplit(ratio, sample, () => step(buildPartMessages(text.slice(start, end), info, notes.length + 1, total), end - start, notesMax, 'read'));
    if (result === 'resplit') continue;
    const { out, stats } = result;
    if (stats.finishReason === 'aborted' || signal.aborted) return stopped('', notes.length, start, stats);
    notes.push(out);
    start = end;
  }

  const parts = notes.length;
  // Reduce: merge groups of notes until one step can write the summary.
  for (;;) {
    const sample = notes.join('\n').slice(0, 4000);
    const joinedChars = notes.reduce((n, s) => n + s.length, 0);
    if (joinedChars <= roomFor(finalMax, buildCombineMessages(notes.map(() => ''), info, style, true), sample)) {
      events.onStep({ stage: 'final', index: 1, total: 1 });
      const result = await runOrResplit(ratio, sample, () => step(buildCombineMessages(notes, info, style, true), joinedChars, finalMax, 'final'));
      if (result === 'resplit') continue;
      const { out, stats } = result;
      return { summary: out, parts, charsRead: text.length, finishReason: stats.finishReason, stats };
    }
    const groups = groupNotes(notes, (count) =>
      roomFor(notesMax, buildCombineMessages(Array(count).fill(''), info, style, false), sample));
    if (groups.length >= notes.length) notes = notes.map((n) => n.slice(0, Math.max(1, Math.floor(n.length / 2)))); // cannot merge: shorten
    else {
      const merged: string[] = [];
      for (const [i, group] of groups.entries()) {
        events.onStep({ stage: 'combine', index: i + 1, total: groups.length });
        const result = await runOrResplit(ratio, sample, () => step(buildCombineMessages(group, info, style, false), group.reduce((n, g) => n + g.length, 0), notesMax, 'combine'));
        if (result === 'resplit') break; // size the groups again
        const { out, stats } = result;
        if (stats.finishReason === 'aborted' || signal.aborted) return stopped('', parts, text.length, stats);
        merged.push(out);
      }
      if (merged.length === groups.length) notes = merged;
    }
  }
}

/**
 * The one-step prompt when the text fits `room` tokens with it, else null. A web page's passages are headed by their
 * number and title (lib/summarize/prompt.ts): those characters count too, sized like the text. A text that cannot fit
 * even without them is not split into passages at all.
 */
function oneStepPrompt({ text, info, style }: SummaryJob, counted: number | null, ratio: TokenRatio, room: number): ChatMessage[] | null {
  const empty = buildSummaryMessages('', info, style);
  const sample = text.slice(0, 4000);
  const left = room - messagesTokensUpperBound(empty);
  if (counted !== null ? counted > left : text.length > ratio.charsFor(left, sample)) return null;
  const messages = buildSummaryMessages(text, info, style);
  const headers = promptChars(messages) - promptChars(empty) - text.length;
  const spare = counted !== null ? ratio.charsFor(left - counted, sample) : ratio.charsFor(left, sample) - text.length;
  return headers <= spare ? messages : null;
}

/** Consecutive groups of notes, each fitting `roomFor(groupSize)` characters. */
export function groupNotes(notes: string[], roomFor: (count: number) => number): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const note of notes) {
    if (current.length && chars + note.length > roomFor(current.length + 1)) {
      groups.push(current);
      current = [];
      chars = 0;
    }
    current.push(note);
    chars += note.length;
  }
  if (current.length) groups.push(current);
  return groups;
}
