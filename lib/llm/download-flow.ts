import type { DownloadCheck, ModelSpec } from '../messaging/protocol';
import { describeDownloadCheck, uncheckedBecause } from './download-check';

/** Where a Download press is: the re-check, the suggestion it made, the download's request, its answer. */
export type DownloadFlowState =
  | { phase: 'idle' }
  | { phase: 'checking'; model: ModelSpec }
  | { phase: 'suggest'; model: ModelSpec; suggestion: ModelSpec; message: string; canDownloadSuggested: boolean }
  | { phase: 'starting'; model: ModelSpec; note: string | null }
  | { phase: 'started'; model: ModelSpec; note: string | null }
  | { phase: 'failed'; model: ModelSpec; error: string };

export interface DownloadFlowDeps {
  /** The re-check (the device measured again, the model judged: lib/llm/download-check.ts judgeDownload). */
  recheck(model: ModelSpec): Promise<DownloadCheck>;
  /** Start the download (it runs in the model host; its progress is the caller's to show). */
  download(model: ModelSpec): Promise<unknown>;
  /** Take the suggestion (choose it and download it); absent where a view may not choose a model (in-page panels). */
  downloadSuggested?(model: ModelSpec): Promise<unknown>;
  onState(state: DownloadFlowState): void;
}

/**
 * Every Download button's path: say at once that the device's speed is being checked (and take no second press), then
 * download, or explain the suggestion and wait for the user's choice; a failed check downloads with a note.
 */
export function createDownloadFlow(deps: DownloadFlowDeps) {
  let state: DownloadFlowState = { phase: 'idle' };
  const set = (next: DownloadFlowState) => deps.onState((state = next));
  const busy = () => state.phase === 'checking' || state.phase === 'starting';

  async function run(model: ModelSpec, note: string | null, download: (m: ModelSpec) => Promise<unknown>) {
    set({ phase: 'starting', model, note });
    try {
      await download(model);
      set({ phase: 'started', model, note });
    } catch (e) {
      set({ phase: 'failed', model, error: (e as Error).message });
    }
  }

  return {
    busy,
    async start(model: ModelSpec): Promise<void> {
      if (busy()) return;
      set({ phase: 'checking', model });
      const check = await deps.recheck(model).catch(uncheckedBecause);
      if (check.verdict === 'smaller' || check.verdict === 'larger') {
        const message = describeDownloadCheck(model, check)!;
        return set({ phase: 'suggest', model, suggestion: check.suggestion, message, canDownloadSuggested: !!deps.downloadSuggested });
      }
      await run(model, describeDownloadCheck(model, check), deps.download);
    },
    /** The model first asked for, as asked: no second check. */
    async downloadAnyway(): Promise<void> {
      if (state.phase === 'suggest') await run(state.model, null, deps.download);
    },
    async downloadSuggested(): Promise<void> {
      if (state.phase === 'suggest' && deps.downloadSuggested) await run(state.suggestion, null, deps.downloadSuggested);
    },
    /** Back to the plain button (the user left the suggestion, or the view was reset). */
    reset: () => set({ phase: 'idle' }),
  };
}

export type DownloadFlow = ReturnType<typeof createDownloadFlow>;
