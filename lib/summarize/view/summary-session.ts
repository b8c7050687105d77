import type { GenerateStats, LoadProgress, ModelSpec } from '../../messaging/protocol';
import { sendCommand } from '../../messaging/commands';
import { prepareHost, recordedGenerate, type PanelDeps } from '../../page-panel/host-session';
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

export interface SessionDeps extends PanelDeps {
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
    const host = await prepareHost(runtime);
    if (host.needsModel) return update({ phase: 'needs-model', needsModel: host.needsModel });
    let stagePhase: SummaryPhase = 'writing';
    const outcome = await runSummary(
      job,
      {
        contextTokens: host.contextTokens,
        // The host keeps each step's prompt and text: "Ask a follow-up" names the summary by its record (recordId).
        generate: recordedGenerate(runtime),
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
