import type { GenerateStats, LoadProgress, ModelSpec } from '../../messaging/protocol';
import { sendCommand, type RuntimeLike } from '../../messaging/commands';
import { streamGenerate } from '../../messaging/stream-client';
import type { PortLike } from '../../messaging/port';
import { NoModelError } from '../../messaging/errors';
import { runSummary, type SummaryJob, type SummaryStep } from '../run-summary';
import { createReadingFeed } from '../../ui-kit/reading-feed';
import type { ReadingEstimate } from '../../ui-kit/reading-estimate';

export type SummaryPhase = 'connecting' | 'needs-model' | 'queued' | 'loading' | 'reading' | 'combining' | 'writing' | 'done' | 'stopped' | 'error';

/** Everything the panel shows about one summary run. */
export interface SummaryState {
  phase: SummaryPhase;
  step: SummaryStep | null;
  progress: LoadProgress | null;
  /** Generations ahead of ours in the host's queue (other tabs, the chat). */
  queuedBehind: number;
  summary: string;
  /** The notes being written for the current part, so a long read shows life. */
  notes: string;
  parts: number | null;
  charsRead: number | null;
  error: string | null;
  stats: GenerateStats | null;
  /** The model reading the current step's prompt, until its first word. */
  reading: ReadingEstimate | null;
  /** The chosen model, when it must be downloaded before a summary (phase 'needs-model'). */
  needsModel?: ModelSpec | null;
}

export const initialSummaryState: SummaryState = {
  phase: 'connecting', step: null, progress: null, queuedBehind: 0, summary: '', notes: '', parts: null, charsRead: null, error: null, stats: null, reading: null,
};

export interface SessionDeps {
  runtime: Pick<RuntimeLike, 'sendMessage'> & { connect(info: { name: string }): PortLike };
  /** Told of each finished summary (kept in the past summaries list, lib/summarize/history.ts). */
  onFinished?(summary: string, job: SummaryJob): void;
}

/**
 * Run one summary against the model host: make sure it is up, learn the chosen model's context size, then
 * stream the map-reduce steps over generate ports (the text goes from here straight to the host, once).
 */
export async function runSummarySession(job: SummaryJob, deps: SessionDeps, update: (patch: Partial<SummaryState>) => void, signal: AbortSignal): Promise<void> {
  const { runtime } = deps;
  // Once the model is loaded the panel says how far it has read, never "Loading the model…".
  const reading = createReadingFeed((estimate) => update({ reading: estimate }));
  try {
    await sendCommand(runtime, 'background', 'host.ensure', undefined);
    const status = await sendCommand(runtime, 'host', 'llm.status', undefined);
    if (!status.model) throw new NoModelError('No model is chosen yet. Click the Hearth icon in the toolbar and pick a model, then try again.');
    // A curated model that is not stored yet is hundreds of MB: the panel offers its download instead of starting it.
    const chosen = await sendCommand(runtime, 'host', 'llm.chosenModel', undefined);
    if (chosen.model && !chosen.model.custom && chosen.state?.cached === false) {
      update({ phase: 'needs-model', needsModel: chosen.model });
      return;
    }
    let stagePhase: SummaryPhase = 'writing';
    const outcome = await runSummary(
      job,
      {
        contextTokens: status.model.contextTokens,
        // The host keeps each step's prompt and text: "Ask a follow-up" names the summary by its record (recordId).
        generate: (request, handlers) => streamGenerate((info) => runtime.connect(info) as never, request, handlers, { record: true }),
        countTokens: async (text) => (await sendCommand(runtime, 'host', 'llm.countTokens', { text })).tokens,
      },
      {
        onStep: (step) => {
          reading.end();
          stagePhase = step.stage === 'read' ? 'reading' : step.stage === 'combine' ? 'combining' : 'writing';
          update({ step, notes: '', progress: null, phase: stagePhase });
        },
        onReading: (progress, context) => {
          update({ phase: stagePhase, progress: null });
          reading.event(progress, context);
        },
        onQueued: (position) => { if (position > 0) update({ phase: 'queued', queuedBehind: position }); },
        onProgress: (progress) => update({ phase: 'loading', progress }),
        onNotes: (notes) => {
          reading.end();
          update({ notes, progress: null });
        },
        onSummary: (summary) => {
          reading.end();
          update({ phase: 'writing', progress: null, summary });
        },
      },
      signal,
    );
    reading.end();
    const { summary, parts, charsRead, stats } = outcome;
    update({ phase: outcome.finishReason === 'aborted' ? 'stopped' : 'done', summary, parts, charsRead, stats, notes: '' });
    if (outcome.finishReason !== 'aborted' && summary.trim()) deps.onFinished?.(summary, job);
  } catch (err) {
    reading.end();
    update({ phase: 'error', error: (err as Error).message });
  }
}

/** Apply a patch; once the model writes, nothing is ahead of us in the queue any more. */
export function applySummaryPatch(state: SummaryState, patch: Partial<SummaryState>): SummaryState {
  const next = { ...state, ...patch };
  if (next.phase === 'writing' || next.phase === 'reading') next.queuedBehind = 0;
  return next;
}
