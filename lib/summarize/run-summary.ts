import type { ChatMessage, GenerateRequest, GenerateStats, LoadProgress } from '../messaging/protocol';
import type { GenerateHandlers, GenerationHandle } from '../messaging/stream-client';
import { createTokenRatio, findChunkEnd } from './chunk';
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

const promptChars = (messages: ChatMessage[]) => messages.reduce((n, m) => n + m.content.length, 0);

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
  /** Characters of text that fit beside `overhead` characters of prompt and an answer of `maxOut` tokens. */
  const roomFor = (maxOut: number, overhead: number, sample: string) =>
    ratio.charsFor(deps.contextTokens - maxOut - MARGIN_TOKENS, sample) - overhead;

  async function step(messages: ChatMessage[], maxTokens: number, stage: SummaryStage) {
    let out = '';
    const handle = await deps.generate(
      { input: { kind: 'chat', messages }, options: { maxTokens, temperature: 0 } },
      {
        onQueued: events.onQueued,
        onProgress: events.onProgress,
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
      ratio.learn(promptChars(messages), stats.promptTokens);
      return { out, stats };
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  const stopped = (summary: string, parts: number, charsRead: number, stats: GenerateStats | null): SummaryOutcome => ({
    summary, parts, charsRead, finishReason: 'aborted', stats,
  });

  const singleOverhead = promptChars(buildSummaryMessages('', info, style));
  if (text.length <= roomFor(finalMax, singleOverhead, text.slice(0, 4000))) {
    events.onStep({ stage: 'final', index: 1, total: 1 });
    const { out, stats } = await step(buildSummaryMessages(text, info, style), finalMax, 'final');
    return { summary: out, parts: 1, charsRead: stats.finishReason === 'aborted' ? 0 : text.length, finishReason: stats.finishReason, stats };
  }

  // Map: notes on each part, sized by the (calibrating) estimate.
  let notes: string[] = [];
  const partOverhead = promptChars(buildPartMessages('', info, 999, 999));
  for (let start = 0; start < text.length; ) {
    const room = Math.max(1, roomFor(notesMax, partOverhead, text.slice(start, start + 4000)));
    const end = findChunkEnd(text, start, room);
    const total = notes.length + 1 + Math.ceil((text.length - end) / room);
    events.onStep({ stage: 'read', index: notes.length + 1, total });
    const { out, stats } = await step(buildPartMessages(text.slice(start, end), info, notes.length + 1, total), notesMax, 'read');
    if (stats.finishReason === 'aborted' || signal.aborted) return stopped('', notes.length, start, stats);
    notes.push(out);
    start = end;
  }

  const parts = notes.length;
  // Reduce: merge groups of notes until one step can write the summary.
  for (;;) {
    const finalOverhead = promptChars(buildCombineMessages(notes.map(() => ''), info, style, true));
    const joinedChars = notes.reduce((n, s) => n + s.length, 0);
    if (joinedChars <= roomFor(finalMax, finalOverhead, notes.join('\n').slice(0, 4000))) break;
    const groups = groupNotes(notes, (count) =>
      roomFor(notesMax, promptChars(buildCombineMessages(Array(count).fill(''), info, style, false)), notes.join('\n').slice(0, 4000)));
    if (groups.length >= notes.length) notes = notes.map((n) => n.slice(0, Math.max(1, Math.floor(n.length / 2)))); // cannot merge: shorten
    else {
      const merged: string[] = [];
      for (const [i, group] of groups.entries()) {
        events.onStep({ stage: 'combine', index: i + 1, total: groups.length });
        const { out, stats } = await step(buildCombineMessages(group, info, style, false), notesMax, 'combine');
        if (stats.finishReason === 'aborted' || signal.aborted) return stopped('', parts, text.length, stats);
        merged.push(out);
      }
      notes = merged;
    }
  }
  events.onStep({ stage: 'final', index: 1, total: 1 });
  const { out, stats } = await step(buildCombineMessages(notes, info, style, true), finalMax, 'final');
  return { summary: out, parts, charsRead: text.length, finishReason: stats.finishReason, stats };
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
