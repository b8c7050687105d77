import type { ChatMessage, GenerateInput } from '../../messaging/protocol';
import { ContextOverflowError } from '../../messaging/errors';
import type { GenerateStats } from '../../messaging/protocol';
import {
  BUILTIN_SESSION_OPTIONS,
  isAbortError,
  isQuotaExceeded,
  type BuiltinMessage,
  type LanguageModelApi,
  type LanguageModelCoreOptions,
  type LanguageModelSessionLike,
} from '../builtin-ai';

/** A request split the way the Prompt API takes it: the session's opening turns, then the one prompt. */
export interface SplitRequest {
  /** The system prompt (first, the one place the API allows it) and the earlier turns. */
  initial: BuiltinMessage[];
  /** The last message: a user turn, or an assistant turn the model continues (`prefix`). */
  prompt: BuiltinMessage;
}

export function splitRequest(input: GenerateInput): SplitRequest {
  const messages: ChatMessage[] = input.kind === 'chat' ? input.messages : [{ role: 'user', content: input.prompt }];
  const last = messages.at(-1) ?? { role: 'user', content: '' };
  // The API refuses a system message anywhere but first: a later one (none of Hearth's prompts has one) is kept as
  // a user turn rather than failing the request.
  const initial = messages.slice(0, -1).map((m, i) => (m.role === 'system' && i > 0 ? { role: 'user' as const, content: m.content } : { role: m.role, content: m.content }));
  const prompt: BuiltinMessage = last.role === 'assistant' ? { role: 'assistant', content: last.content, prefix: true } : { role: 'user', content: last.content };
  return { initial, prompt };
}

const sameTurns = (a: BuiltinMessage[], b: BuiltinMessage[]) =>
  a.length === b.length && a.every((m, i) => m.role === b[i]!.role && m.content === b[i]!.content && !m.prefix === !b[i]!.prefix);

type Sampling = Pick<LanguageModelCoreOptions, 'temperature' | 'topK'>;

/**
 * The one live conversation session. A Prompt API session keeps every prompt and answer, so a chat's next question
 * (the same turns plus the last answer and a new question) goes to the same session and Chrome reads only the new
 * turn; any other request gets a fresh session opened with its turns. A session whose history Hearth no longer knows
 * exactly (stopped, failed, or Chrome dropped old turns on overflow) is destroyed rather than reused.
 */
export function createSessionKeeper(api: LanguageModelApi) {
  let held: { session: LanguageModelSessionLike; turns: BuiltinMessage[]; sampling: Sampling } | null = null;

  function drop() {
    held?.session.destroy();
    held = null;
  }

  async function sessionFor(initial: BuiltinMessage[], sampling: Sampling, signal: AbortSignal): Promise<LanguageModelSessionLike> {
    if (held && sameTurns(held.turns, initial) && held.sampling.temperature === sampling.temperature && held.sampling.topK === sampling.topK) return held.session;
    drop();
    try {
      const session = await api.create({ ...BUILTIN_SESSION_OPTIONS, ...sampling, initialPrompts: initial, signal });
      held = { session, turns: initial, sampling };
      return session;
    } catch (err) {
      if (isQuotaExceeded(err)) throw new ContextOverflowError("The conversation is longer than the context of Chrome's built-in model.");
      throw err;
    }
  }

  /** The prompt was answered in full: the session now holds it and the answer, as a later request will send them. */
  function answered(prompt: BuiltinMessage, text: string) {
    if (!held) return;
    const reply: BuiltinMessage = prompt.prefix ? { role: 'assistant', content: prompt.content + text } : { role: 'assistant', content: text };
    held.turns = prompt.prefix ? [...held.turns, reply] : [...held.turns, { role: prompt.role, content: prompt.content }, reply];
  }

  return { sessionFor, answered, drop };
}

/** Tokens `input` takes in `session` (the Chrome 144+ name first, the extension-only older name otherwise). */
export async function measureUsage(session: LanguageModelSessionLike, input: string | BuiltinMessage[], signal?: AbortSignal): Promise<number | null> {
  const measure = session.measureContextUsage ?? session.measureInputUsage;
  if (!measure) return null;
  return measure.call(session, input, { signal });
}

export const usageOf = (s: LanguageModelSessionLike) => s.contextUsage ?? s.inputUsage ?? 0;
export const windowOf = (s: LanguageModelSessionLike) => s.contextWindow ?? s.inputQuota ?? Infinity;

interface StreamRun {
  text: string;
  pieces: number;
  firstAt: number | null;
  finish: GenerateStats['finishReason'];
  overflowed: boolean;
  error?: unknown;
}

/**
 * Read one streamed answer. Chrome streams the new text of each step (one piece is about one token), and has no
 * answer-length option, so Hearth stops it after `maxTokens` pieces. Stop (`signal`) ends it at once.
 */
export async function streamAnswer(session: LanguageModelSessionLike, input: BuiltinMessage[], onToken: (t: string) => void, signal: AbortSignal, maxTokens: number, now: () => number): Promise<StreamRun> {
  const run: StreamRun = { text: '', pieces: 0, firstAt: null, finish: 'stop', overflowed: false };
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const onOverflow = () => void (run.overflowed = true);
  session.addEventListener('contextoverflow', onOverflow);
  session.addEventListener('quotaoverflow', onOverflow);
  const reader = session.promptStreaming(input, { signal: stop.signal }).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!value) continue;
      run.firstAt ??= now();
      run.text += value;
      run.pieces++;
      onToken(value);
      if (run.pieces >= maxTokens) {
        run.finish = 'length';
        stop.abort();
        break;
      }
    }
  } catch (err) {
    if (signal.aborted || isAbortError(err)) run.finish = signal.aborted ? 'aborted' : run.finish;
    else run.error = err;
  } finally {
    if (signal.aborted) run.finish = 'aborted';
    signal.removeEventListener('abort', onAbort);
    session.removeEventListener('contextoverflow', onOverflow);
    session.removeEventListener('quotaoverflow', onOverflow);
    reader.releaseLock();
  }
  return run;
}
