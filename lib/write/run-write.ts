import type { ChatMessage, GenerateRequest, GenerateStats, LoadProgress, ReadingProgress, WriteAction } from '../messaging/protocol';
import type { GenerateHandlers, GenerationHandle } from '../messaging/stream-client';
import { MESSAGE_OVERHEAD_TOKENS } from '../tokens/estimate';
import { answerTokensFor, buildWriteMessages, outputFactor } from './prompt';
import { splitToFit } from './split';
import { cleanSuggestion } from './clean-output';
import { ContextOverflowError } from '../messaging/errors';

export interface WriteJob {
  /** The field's text (the selection, or the whole field when nothing was selected). */
  text: string;
  action: WriteAction;
  /** The text's language (summarize/language.ts), or null: the prompt then says "the language it is written in". */
  language: string | null;
  /** 0 (greedy, the default) for the first suggestion; "Try again" asks for some variety, or it would be the same. */
  temperature?: number;
}

export interface WriteDeps {
  contextTokens: number;
  generate(request: GenerateRequest, handlers: GenerateHandlers): GenerationHandle;
  countTokens(text: string): Promise<number>;
}

export interface WriteProgress {
  onQueued?(position: number): void;
  onProgress?(progress: LoadProgress): void;
  onReading?(progress: ReadingProgress, contextTokens: number): void;
  onPart?(index: number, total: number): void;
  /** The suggestion so far: finished parts cleaned, the current one as written. */
  onText(text: string): void;
}

export interface WriteOutcome {
  suggestion: string;
  /** 'length': a part's answer hit its token limit, so the suggestion may be cut off. */
  finishReason: 'stop' | 'length' | 'aborted';
  parts: number;
  /** Each part's stats, in order (their recordIds name the host's record of each prompt and answer). */
  stats: GenerateStats[];
}

const promptOf = (messages: ChatMessage[]) => messages.map((m) => m.content).join('\n');

/** The answer budget for `text`'s parts: what is left of the context after the prompt, shared by part and answer. */
async function partBudget(job: WriteJob, deps: WriteDeps): Promise<number> {
  const around = await deps.countTokens(promptOf(buildWriteMessages('', job.action, job.language, { index: 9, total: 9 })));
  const room = deps.contextTokens - around - 2 * MESSAGE_OVERHEAD_TOKENS - 32;
  return Math.floor(room / (1 + outputFactor(job.action)));
}

/** One part's answer, streamed to `onText` after what the earlier parts gave (`before`). */
async function runPart(part: string, at: { index: number; total: number }, before: string, job: WriteJob, deps: WriteDeps, progress: WriteProgress, signal: AbortSignal) {
  const messages = buildWriteMessages(part, job.action, job.language, at);
  const maxTokens = answerTokensFor(await deps.countTokens(part), job.action);
  let written = '';
  const handle = deps.generate({ input: { kind: 'chat', messages }, options: { maxTokens, temperature: job.temperature ?? 0 } }, {
    onQueued: progress.onQueued,
    onProgress: progress.onProgress,
    onReading: (p) => progress.onReading?.(p, deps.contextTokens),
    onToken: (t) => {
      written += t;
      progress.onText(before + written);
    },
  });
  const stop = () => handle.stop();
  signal.addEventListener('abort', stop);
  if (signal.aborted) stop();
  try {
    const stats = await handle.done;
    return { stats, text: stats.finishReason === 'aborted' ? written : cleanSuggestion(written, part) };
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/**
 * Proofread, rewrite or translate a text with the loaded model, in parts when it does not fit in one go; the
 * parts' answers are cleaned (clean-output.ts) and joined in order. A part the engine still refuses as too long (the
 * count was an estimate: no model loaded yet) is split smaller. Stopping (the signal) keeps what was written.
 */
export async function runWrite(job: WriteJob, deps: WriteDeps, progress: WriteProgress, signal: AbortSignal): Promise<WriteOutcome> {
  let budget = await partBudget(job, deps);
  const parts = await splitToFit(job.text, budget, deps.countTokens);
  const done: string[] = [];
  const stats: GenerateStats[] = [];
  let finishReason: WriteOutcome['finishReason'] = 'stop';
  for (let i = 0; i < parts.length && finishReason !== 'aborted'; i++) {
    const part = parts[i]!;
    if (signal.aborted) {
      finishReason = 'aborted';
      break;
    }
    progress.onPart?.(i + 1, parts.length);
    // Blank space between parts needs no model.
    if (!part.trim()) {
      done.push(part);
      continue;
    }
    try {
      const out = await runPart(part, { index: i + 1, total: parts.length }, done.join(''), job, deps, progress, signal);
      stats.push(out.stats);
      if (out.stats.finishReason !== 'stop') finishReason = out.stats.finishReason;
      done.push(out.text);
    } catch (err) {
      if (!(err instanceof ContextOverflowError) || budget < 16) throw err;
      budget = Math.floor(budget / 2);
      parts.splice(i, 1, ...(await splitToFit(part, budget, deps.countTokens)));
      i--;
      continue;
    }
    progress.onText(done.join(''));
  }
  return { suggestion: done.join(''), finishReason, parts: parts.length, stats };
}
