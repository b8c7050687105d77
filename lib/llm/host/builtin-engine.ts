import type { GenerateRequest, GenerateStats, LoadProgress, ModelSpec, ReadingProgress } from '../../messaging/protocol';
import { ContextOverflowError, GenerationError, ModelLoadError } from '../../messaging/errors';
import type { LlmEngine } from '../engine';
import { writingFailed } from '../engine-common';
import { generationOptions } from '../generation-defaults';
import {
  BUILTIN_SESSION_OPTIONS,
  isAbortError,
  isQuotaExceeded,
  samplingFor,
  whyBuiltinUnusable,
  type BuiltinMessage,
  type LanguageModelApi,
  type LanguageModelParamsLike,
  type LanguageModelSessionLike,
  type SummarizerApi,
} from '../builtin-ai';
import { summarizeWithChrome } from './builtin-summary';
import { createSessionKeeper, measureUsage, splitRequest, streamAnswer, usageOf, windowOf } from './builtin-session';

export interface BuiltinEngineDeps {
  /** The global `LanguageModel`, or undefined where the browser has none (every browser but Chrome 138+). */
  languageModel: LanguageModelApi | undefined;
  /** The global `Summarizer`, for one-step summaries where it serves (builtin-summary.ts). */
  summarizer?: SummarizerApi;
  now?: () => number;
}

const STOPPED: GenerateStats = { promptTokens: 0, completionTokens: 0, timeToFirstTokenMs: 0, finishReason: 'aborted' };

export const NOT_DOWNLOADED =
  "Chrome's built-in model is not on this device yet. Start its download from Models in Hearth's popup or side panel: Chrome asks for a click before it downloads.";

/**
 * Chrome's built-in model (Gemini Nano) behind Hearth's engine interface. The model is Chrome's: Hearth downloads
 * nothing, and it loads only what Chrome says is available (a download needs a click in Hearth's own page, which the
 * model host never has). Chats keep one Prompt API session per conversation (builtin-session.ts).
 */
export function createBuiltinEngine(deps: BuiltinEngineDeps): LlmEngine {
  const now = deps.now ?? (() => performance.now());
  let loaded: { modelId: string; base: LanguageModelSessionLike; params: LanguageModelParamsLike | null } | null = null;
  let keeper: ReturnType<typeof createSessionKeeper> | null = null;

  async function load(model: ModelSpec, onProgress: (p: LoadProgress) => void) {
    await unload();
    const api = deps.languageModel;
    if (!api) throw new ModelLoadError(whyBuiltinUnusable('absent')!);
    const state = await api.availability(BUILTIN_SESSION_OPTIONS);
    if (state === 'unavailable') throw new ModelLoadError(whyBuiltinUnusable(state)!);
    if (state === 'downloadable') throw new ModelLoadError(NOT_DOWNLOADED);
    let last = -1;
    const progress = (loaded: number) => {
      last = loaded;
      onProgress({ modelId: model.id, loadedBytes: loaded, totalBytes: 1, phase: state === 'available' ? 'init' : 'download' });
    };
    let base: LanguageModelSessionLike;
    try {
      // 'downloading': Chrome may let the session wait for the download it is running, or ask for a click again.
      base = await api.create({ ...BUILTIN_SESSION_OPTIONS, monitor: (m) => m.addEventListener('downloadprogress', (e) => progress(e.loaded)) });
    } catch (err) {
      if ((err as Error)?.name === 'NotAllowedError') throw new ModelLoadError(NOT_DOWNLOADED);
      throw new ModelLoadError(`Chrome's built-in model could not start: ${(err as Error)?.message ?? err}`);
    }
    if (last < 1) progress(1);
    const params = (await api.params?.().catch(() => null)) ?? null;
    loaded = { modelId: model.id, base, params };
    keeper = createSessionKeeper(api);
  }

  async function unload() {
    keeper?.drop();
    loaded?.base.destroy();
    loaded = null;
    keeper = null;
  }

  async function generate(request: GenerateRequest, onToken: (text: string) => void, signal: AbortSignal, onReading?: (p: ReadingProgress) => void): Promise<GenerateStats> {
    if (!loaded || !keeper) throw new GenerationError('No model is loaded.');
    if (signal.aborted) return STOPPED;
    if (request.summary) {
      const summarized = await summarizeWithChrome(deps.summarizer, request.summary, onToken, signal, now).catch((err) => {
        throw isQuotaExceeded(err) ? new ContextOverflowError("The text is longer than Chrome's summarizer takes.") : writingFailed(err);
      });
      if (summarized) return summarized;
    }
    return promptSession(keeper, loaded.params, request, { onToken, onReading }, signal, now);
  }

  async function countTokens(text: string): Promise<number> {
    if (!loaded) throw new GenerationError('No model is loaded.');
    return (await measureUsage(loaded.base, text)) ?? Math.ceil(text.length / 3);
  }

  return {
    kind: 'builtin',
    get loadedModelId() {
      return loaded?.modelId ?? null;
    },
    get loadedContextTokens() {
      const window = loaded ? windowOf(loaded.base) : Infinity;
      return Number.isFinite(window) ? window : null;
    },
    load,
    generate,
    countTokens,
    unload,
  };
}

/** One answer with the Prompt API: the conversation's session (kept or new), its usage checked, the answer streamed. */
async function promptSession(
  keeper: ReturnType<typeof createSessionKeeper>,
  params: LanguageModelParamsLike | null,
  request: GenerateRequest,
  { onToken, onReading }: { onToken: (text: string) => void; onReading?: (p: ReadingProgress) => void },
  signal: AbortSignal,
  now: () => number,
): Promise<GenerateStats> {
  const started = now();
  const { temperature, maxTokens } = generationOptions(request.options);
  const { initial, prompt } = splitRequest(request.input);
  let session: LanguageModelSessionLike;
  try {
    session = await keeper.sessionFor(initial, samplingFor(temperature, params), signal);
  } catch (err) {
    if (isAbortError(err) || signal.aborted) return STOPPED;
    throw err instanceof ContextOverflowError ? err : writingFailed(err);
  }
  const before = usageOf(session);
  const input: BuiltinMessage[] = [prompt];
  const promptTokens = await measureUsage(session, input).catch((err) => {
    if (isQuotaExceeded(err)) return Infinity;
    throw writingFailed(err);
  });
  if (promptTokens !== null && before + promptTokens > windowOf(session)) {
    keeper.drop();
    throw new ContextOverflowError("This prompt is longer than the context of Chrome's built-in model. Send less text.");
  }
  const total = before + (promptTokens ?? 0);
  onReading?.({ doneTokens: 0, totalTokens: total });
  const run = await streamAnswer(session, input, onToken, signal, maxTokens, now);
  onReading?.({ doneTokens: total, totalTokens: total });
  if (run.error) {
    keeper.drop();
    if (isQuotaExceeded(run.error)) throw new ContextOverflowError("This prompt is longer than the context of Chrome's built-in model. Send less text.");
    throw writingFailed(run.error);
  }
  // The session holds the answer only when it ran to its end and Chrome kept every turn.
  if (run.finish === 'stop' && !run.overflowed) keeper.answered(prompt, run.text);
  else keeper.drop();
  const afterUsage = run.finish === 'stop' && !run.overflowed ? usageOf(session) : 0;
  const decodeMs = run.firstAt === null ? 0 : now() - run.firstAt;
  const completionTokens = Math.max(run.pieces, afterUsage - total);
  return {
    promptTokens: total,
    reusedTokens: before,
    completionTokens,
    timeToFirstTokenMs: run.firstAt === null ? 0 : run.firstAt - started,
    decodeTokensPerSec: decodeMs > 0 ? (completionTokens / decodeMs) * 1000 : undefined,
    finishReason: run.finish,
  };
}
