import type { GenerateStats, LoadProgress, ModelSpec } from '../../messaging/protocol';
import { sendCommand } from '../../messaging/commands';
import { prepareHost, recordedGenerate, type PanelDeps } from '../../page-panel/host-session';
import { runWrite, type WriteJob } from '../run-write';
import { estimateTokensPrior } from '../../tokens/estimate';

export type WritePhase = 'connecting' | 'needs-model' | 'queued' | 'loading' | 'reading' | 'writing' | 'done' | 'stopped' | 'error';

/** Everything the panel shows about one suggestion. */
export interface WriteState {
  phase: WritePhase;
  progress: LoadProgress | null;
  queuedBehind: number;
  /** The suggestion so far (the whole of it once done). */
  suggestion: string;
  part: { index: number; total: number } | null;
  /** The answer hit its token limit: the suggestion may be cut short. */
  cutOff: boolean;
  error: string | null;
  stats: GenerateStats[];
  needsModel?: ModelSpec | null;
}

export const initialWriteState: WriteState = { phase: 'connecting', progress: null, queuedBehind: 0, suggestion: '', part: null, cutOff: false, error: null, stats: [] };

/**
 * One suggestion from the model host, as the summary panel gets its summary (same deps: the content script's
 * runtime): make sure the host is up and the chosen model is on the device, then stream the parts over generate
 * ports, straight from this page's isolated world to the host (the page never sees the suggestion). The host keeps a
 * record of each prompt and answer (`record`), as it does for summaries, so what reached the model can be checked.
 */
export async function runWriteSession(job: WriteJob, deps: PanelDeps, update: (patch: Partial<WriteState>) => void, signal: AbortSignal): Promise<void> {
  const { runtime } = deps;
  try {
    const host = await prepareHost(runtime);
    if (host.needsModel) return update({ phase: 'needs-model', needsModel: host.needsModel });
    const outcome = await runWrite(
      job,
      {
        contextTokens: host.contextTokens,
        generate: recordedGenerate(runtime),
        // The model's own count once it is loaded; before that the prior estimate with a margin (2 ASCII characters a
        // token: what the smallest vocabularies make; real models make about 4).
        countTokens: async (text) => (await sendCommand(runtime, 'host', 'llm.countTokens', { text })).tokens ?? Math.ceil(estimateTokensPrior(text) * 1.5),
      },
      {
        onQueued: (position) => position > 0 && update({ phase: 'queued', queuedBehind: position }),
        onProgress: (progress) => update({ phase: 'loading', progress }),
        onReading: () => update({ phase: 'reading', progress: null, queuedBehind: 0 }),
        onPart: (index, total) => update({ part: { index, total } }),
        onText: (suggestion) => update({ phase: 'writing', suggestion, progress: null, queuedBehind: 0 }),
      },
      signal,
    );
    update({ phase: outcome.finishReason === 'aborted' ? 'stopped' : 'done', suggestion: outcome.suggestion, cutOff: outcome.finishReason === 'length', stats: outcome.stats });
  } catch (err) {
    update({ phase: 'error', error: (err as Error).message });
  }
}
