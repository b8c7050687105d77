import type { BackendChoice, GenerateRequest, GenerateStats, LoadProgress, ModelSpec, ReadingProgress, WireError } from '../../messaging/protocol';
import { AbortedError, DeviceLostError, GenerationStalledError, NoModelError, toWireError } from '../../messaging/errors';
import { generateWatched } from './generation-watchdog';
import type { ModelHolder } from './model-holder';
import { createThinkFilter } from '../think-filter';

/** Where one generation's events go (the generate port, in the extension). */
export interface GenerationSink {
  queued(position: number): void;
  backend(backend: BackendChoice, model: ModelSpec): void;
  progress(progress: LoadProgress): void;
  /** The loaded model reading the prompt (optional: sinks that show no progress leave it out). */
  reading?(progress: ReadingProgress): void;
  token(text: string): void;
}

export interface RunGenerationDeps {
  models: ModelHolder;
  detect(): Promise<BackendChoice>;
  /** Prompt tokens a second this model read last time (a first progress report for engines that give none). */
  readingRate?(modelId: string): number | undefined;
  /** Shorter stall bounds, for tests (generation-watchdog.ts has the real ones). */
  watchdog?: { gapMs?: number; firstTokenMs?: number };
}

/** One generation on the chosen model, loading it first if needed; the caller holds the engine's turn. */
export async function runGeneration(deps: RunGenerationDeps, request: GenerateRequest, sink: GenerationSink, signal: AbortSignal): Promise<GenerateStats> {
  const { models } = deps;
  const model = models.selected;
  if (!model) throw new NoModelError('No model is chosen yet. Open Hearth and pick a model.');
  sink.backend(await deps.detect(), model);
  let { engine, loadMs } = await models.ensureLoaded(model, (p) => sink.progress(p));
  const onReading = (p: ReadingProgress) => sink.reading?.(p);
  // The model is in memory: from here the wait is the prompt being read, whether or not the engine reports it.
  const rate = deps.readingRate?.(model.id);
  onReading({ doneTokens: 0, totalTokens: 0, ...(rate ? { tokensPerSec: rate } : {}) });
  models.state = 'generating';
  // A chat answer never shows a model's <think> block (lib/llm/think-filter.ts); a raw completion is left as it is.
  const emit = (text: string) => text && sink.token(text);
  const generate = async () => {
    const filter = request.input.kind === 'chat' ? createThinkFilter() : null;
    const stats = await generateWatched({ engine, model, request, onToken: (t) => emit(filter ? filter.push(t) : t), onReading, signal, readingRate: rate, ...deps.watchdog });
    if (filter) emit(filter.end());
    return { ...stats, loadMs };
  };
  try {
    return await generate();
  } catch (err) {
    // A stuck runtime may never answer again: it is dropped, and the next request starts a new one.
    if (err instanceof GenerationStalledError) await models.discard();
    if (!(err instanceof DeviceLostError)) throw err;
    // The GPU was reset (driver update, another tab, sleep): reload the model and try once more.
    await engine.unload();
    ({ engine, loadMs } = await models.ensureLoaded(model, (p) => sink.progress(p)));
    models.state = 'generating';
    return await generate();
  }
}

/** The host's counts for its status. */
export interface HostBook {
  served: number;
  refused: number;
  busy: number;
  lastError?: WireError;
}

/** runGeneration, with what the host keeps of it: counts, the last error, the state, the idle timer. */
export async function recordGeneration(
  deps: RunGenerationDeps & { book: HostBook; onGenerated?(model: ModelSpec, stats: GenerateStats): void },
  request: GenerateRequest,
  sink: GenerationSink,
  signal: AbortSignal,
): Promise<GenerateStats> {
  const { models, book } = deps;
  const model = models.selected;
  try {
    const stats = await runGeneration(deps, request, sink, signal);
    if (model) deps.onGenerated?.(model, stats);
    book.served++;
    models.state = 'ready';
    book.lastError = undefined;
    return stats;
  } catch (err) {
    models.failed();
    if (!(err instanceof AbortedError)) book.lastError = toWireError(err);
    throw err;
  } finally {
    models.armIdleUnload();
  }
}
