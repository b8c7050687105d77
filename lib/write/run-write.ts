import type { ChatMessage, GenerateRequest, GenerateStats, LoadProgress, ReadingProgress, WriteAction } from '../messaging/protocol';
import type { GenerateHandlers, GenerationHandle } from '../messaging/stream-client';
import { MESSAGE_OVERHEAD_TOKENS } from '../tokens/estimate';
import { answerTokensFor, buildWriteMessages, outputFactor } from './prompt';
import { splitToFit } from './split';
import { cleanSuggestion } from './clean-output';

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

/**
 * Proofread, rewrite or translate a text with the loaded model, in parts when it does not fit in one go; the
 * parts' answers are cleaned (clean-output.ts) and joined in order. Stopping (the signal) keeps what was written.
 */
export async function runWrite(job: WriteJob, deps: WriteDeps, progress: WriteProgress, signal: AbortSignal): Promise<WriteOutcome> {
  const parts = await splitToFit(job.text, await partBudget(job, deps), deps.countTokens);
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
    const messages = buildWriteMessages(part, job.action, job.language, { index: i + 1, total: parts.length });
    const maxTokens = answerTokensFor(await deps.countTokens(part), job.action);
    let written = '';
    const handle = deps.generate({ input: { kind: 'chat', messages }, options: { maxTokens, temperature: job.temperature ?? 0 } }, {
      onQueued: progress.onQueued,
      onProgress: progress.onProgress,
      onReading: (p) => progress.onReading?.(p, deps.contextTokens),
      onToken: (t) => {
        written += t;
        progress.onText(done.join('') + written);
      },
    });
    const stop = () => handle.stop();
    signal.addEventListener('abort', stop);
    if (signal.aborted) stop();
    try {
      const s = await handle.done;
      stats.push(s);
      if (s.finishReason !== 'stop') finishReason = s.finishReason;
    } finally {
      signal.removeEventListener('abort', stop);
    }
    done.push(finishReason === 'aborted' ? written : cleanSuggestion(written, part));
    progress.onText(done.join(''));
  }
  return { suggestion: done.join(''), finishReason, parts: parts.length, stats };
}
