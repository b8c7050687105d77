import type {
  BuiltinAvailability,
  BuiltinMessage,
  CreateMonitorLike,
  LanguageModelApi,
  LanguageModelCoreOptions,
  LanguageModelCreateOptions,
  LanguageModelParamsLike,
  LanguageModelSessionLike,
} from '../../lib/llm/builtin-ai';

/**
 * A FAKE of Chrome's `LanguageModel` (the Prompt API), written from its published IDL
 * (webmachinelearning.github.io/prompt-api) and Chrome's documentation, for unit tests. It is not Chrome's model:
 * its "tokens" are words (plus one per message for its role), and its answer is a function of the conversation.
 * What it does as documented:
 * - availability() answers 'unavailable' | 'downloadable' | 'downloading' | 'available' for the options given;
 * - create() rejects with NotSupportedError when unavailable, and with NotAllowedError when the model still has to
 *   download and the caller has no user activation; with one, it reports `downloadprogress` (loaded 0…1) to the
 *   monitor and the model becomes available;
 * - a system message is allowed only first in initialPrompts (TypeError otherwise); initial prompts larger than the
 *   context window reject with QuotaExceededError;
 * - promptStreaming() streams the answer piece by piece (each chunk is new text); an input that cannot fit even after
 *   dropping old turns errors the stream with QuotaExceededError; otherwise the oldest non-system turns are dropped
 *   and `contextoverflow` (and the older `quotaoverflow`) fires; aborting its signal errors the stream with
 *   AbortError and the turn is not kept;
 * - measureContextUsage()/measureInputUsage() give an input's tokens; contextUsage/inputUsage and
 *   contextWindow/inputQuota are the session's usage and window; a destroyed session throws InvalidStateError.
 */
export interface FakeLanguageModelOptions {
  availability?: BuiltinAvailability;
  /** Does the calling context have user activation (a click)? */
  hasActivation?: () => boolean;
  contextWindow?: number;
  /** The answer to a conversation (default: "echo: " and the last user turn's words). */
  answer?: (turns: BuiltinMessage[]) => string;
  /** Before each streamed piece (tests use it to abort mid-answer). */
  onPiece?: (index: number) => void;
  params?: LanguageModelParamsLike | null;
}

const DEFAULT_PARAMS: LanguageModelParamsLike = { defaultTopK: 3, maxTopK: 128, defaultTemperature: 1, maxTemperature: 2 };
export const words = (text: string) => text.split(/\s+/).filter(Boolean);
const tokensOf = (input: string | BuiltinMessage[]) =>
  typeof input === 'string' ? words(input).length + 1 : input.reduce((n, m) => n + words(m.content).length + 1, 0);
export const domError = (name: string, message: string) => new DOMException(message, name);

export interface FakeLanguageModel extends LanguageModelApi {
  state: BuiltinAvailability;
  /** Every options object availability() and create() were called with, in order. */
  calls: { method: 'availability' | 'create'; options: LanguageModelCoreOptions | LanguageModelCreateOptions }[];
  sessions: FakeSession[];
}

export interface FakeSession extends LanguageModelSessionLike {
  turns: BuiltinMessage[];
  destroyed: boolean;
  options: LanguageModelCreateOptions;
}

export function createFakeLanguageModel(opts: FakeLanguageModelOptions = {}): FakeLanguageModel {
  const fake: FakeLanguageModel = {
    state: opts.availability ?? 'available',
    calls: [],
    sessions: [],
    async availability(options = {}) {
      fake.calls.push({ method: 'availability', options });
      return fake.state;
    },
    async create(options = {}) {
      fake.calls.push({ method: 'create', options });
      if (options.signal?.aborted) throw domError('AbortError', 'Aborted.');
      if (fake.state === 'unavailable') throw domError('NotSupportedError', 'The model is not supported on this device.');
      if (fake.state !== 'available') {
        if (!(opts.hasActivation?.() ?? false)) throw domError('NotAllowedError', 'Requires a user gesture when availability is "downloading" or "downloadable".');
        await download(options.monitor);
        fake.state = 'available';
      } else if (options.monitor) {
        await download(options.monitor, true);
      }
      const session = createSession(options, opts);
      fake.sessions.push(session);
      return session;
    },
    params: async () => (opts.params === undefined ? DEFAULT_PARAMS : opts.params),
  };
  return fake;
}

/** A monitor sees 0 first and 1 last; a model already there reports just those two. */
export async function download(monitor: LanguageModelCreateOptions['monitor'], instant = false) {
  const target = new EventTarget();
  monitor?.(target as unknown as CreateMonitorLike);
  for (const loaded of instant ? [0, 1] : [0, 0.25, 0.5, 1]) {
    await Promise.resolve();
    target.dispatchEvent(Object.assign(new Event('downloadprogress'), { loaded, total: 1 }));
  }
}

function createSession(options: LanguageModelCreateOptions, opts: FakeLanguageModelOptions): FakeSession {
  const initial = options.initialPrompts ?? [];
  if (initial.some((m, i) => m.role === 'system' && i > 0)) throw new TypeError('A system prompt must be the first initial prompt.');
  const window = opts.contextWindow ?? 1000;
  if (tokensOf(initial) > window) throw domError('QuotaExceededError', 'The initial prompts are too large.');
  const events = new EventTarget();
  const answer = opts.answer ?? ((turns) => `echo: ${turns.filter((t) => t.role === 'user').at(-1)?.content ?? ''}`);
  const alive = () => {
    if (session.destroyed) throw domError('InvalidStateError', 'The session has been destroyed.');
  };
  const session: FakeSession = {
    turns: [...initial],
    destroyed: false,
    options,
    get contextUsage() {
      return tokensOf(session.turns);
    },
    get inputUsage() {
      return tokensOf(session.turns);
    },
    contextWindow: window,
    inputQuota: window,
    async measureContextUsage(input) {
      alive();
      return tokensOf(input);
    },
    async measureInputUsage(input) {
      alive();
      return tokensOf(input);
    },
    addEventListener: (type, listener) => events.addEventListener(type, listener),
    removeEventListener: (type, listener) => events.removeEventListener(type, listener),
    destroy() {
      session.destroyed = true;
    },
    promptStreaming(input, { signal } = {}) {
      alive();
      const asked: BuiltinMessage[] = typeof input === 'string' ? [{ role: 'user', content: input }] : input;
      if (asked.some((m) => m.role === 'system')) throw new TypeError('A system message can only open a session.');
      const pieces = words(answer([...session.turns, ...asked])).map((w, i) => (i === 0 ? w : ` ${w}`));
      let i = 0;
      return new ReadableStream<string>({
        start(controller) {
          const system = session.turns[0]?.role === 'system' ? tokensOf([session.turns[0]]) : 0;
          const needed = tokensOf(asked) + pieces.length + 1;
          if (system + needed > window) controller.error(domError('QuotaExceededError', 'The input is too large.'));
          signal?.addEventListener('abort', () => controller.error(domError('AbortError', 'The prompt was aborted.')), { once: true });
        },
        async pull(controller) {
          await new Promise((r) => setTimeout(r, 0));
          if (signal?.aborted) return controller.error(domError('AbortError', 'The prompt was aborted.'));
          if (i < pieces.length) {
            opts.onPiece?.(i);
            if (signal?.aborted) return controller.error(domError('AbortError', 'The prompt was aborted.'));
            controller.enqueue(pieces[i++]!);
            return;
          }
          keepTurn(session, asked, pieces.join(''), window, events);
          controller.close();
        },
      });
    },
  };
  return session;
}

/** The answered turn joins the conversation; when it no longer fits, the oldest non-system turns go first. */
function keepTurn(session: FakeSession, asked: BuiltinMessage[], text: string, window: number, events: EventTarget) {
  const last = asked.at(-1)!;
  const reply: BuiltinMessage = last.prefix ? { role: 'assistant', content: last.content + text } : { role: 'assistant', content: text };
  session.turns.push(...(last.prefix ? asked.slice(0, -1) : asked), reply);
  let dropped = false;
  while (tokensOf(session.turns) > window) {
    const first = session.turns[0]?.role === 'system' ? 1 : 0;
    session.turns.splice(first, 1);
    dropped = true;
  }
  if (dropped) {
    events.dispatchEvent(new Event('contextoverflow'));
    events.dispatchEvent(new Event('quotaoverflow'));
  }
}

/**
 * A FAKE of Chrome's Summarizer (Writing Assistance APIs IDL and Chrome's documentation): availability() for the
 * options given ('unavailable' for an output language it does not write), create() with the user-activation rule
 * when it must download, measureInputUsage() in words, inputQuota, summarizeStreaming() piece by piece ("<type>
 * <length>: " and the text's first words), erroring with AbortError when its signal aborts.
 */
export function createFakeSummarizer(opts: { availability?: BuiltinAvailability; languages?: string[]; inputQuota?: number; hasActivation?: () => boolean } = {}) {
  const fake = {
    state: opts.availability ?? 'available',
    calls: [] as { method: 'availability' | 'create'; options: Record<string, unknown> }[],
    async availability(o: Record<string, unknown> = {}): Promise<BuiltinAvailability> {
      fake.calls.push({ method: 'availability', options: o });
      const lang = o.outputLanguage as string | undefined;
      return lang && !(opts.languages ?? ['en', 'es', 'ja']).includes(lang) ? 'unavailable' : fake.state;
    },
    async create(o: Record<string, unknown> & { signal?: AbortSignal } = {}) {
      fake.calls.push({ method: 'create', options: o });
      if (fake.state === 'unavailable') throw domError('NotSupportedError', 'Not supported.');
      if (fake.state !== 'available' && !(opts.hasActivation?.() ?? false)) throw domError('NotAllowedError', 'Requires a user gesture.');
      fake.state = 'available';
      return {
        inputQuota: opts.inputQuota ?? 1000,
        destroyed: false,
        async measureInputUsage(input: string) {
          return words(input).length;
        },
        summarizeStreaming(input: string, { signal }: { signal?: AbortSignal } = {}) {
          const pieces = [`${o.type} ${o.length}:`, ...words(input).slice(0, 3).map((w) => ` ${w}`)];
          let i = 0;
          return new ReadableStream<string>({
            async pull(controller) {
              await new Promise((r) => setTimeout(r, 0));
              if (signal?.aborted) return controller.error(domError('AbortError', 'Aborted.'));
              if (i < pieces.length) controller.enqueue(pieces[i++]!);
              else controller.close();
            },
          });
        },
        destroy() {
          this.destroyed = true;
        },
      };
    },
  };
  return fake;
}
