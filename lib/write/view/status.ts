import { formatBytes, waitingText } from '../../ui-kit/format';
import type { WriteState } from './write-session';

/** The panel's one status line; `changes` (the diff's, once done) and whether they explain themselves on hover. */
export function writeStatusText(state: WriteState, changes?: { count: number; explained: boolean }): string {
  const part = state.part && state.part.total > 1 ? ` (part ${state.part.index} of ${state.part.total})` : '';
  switch (state.phase) {
    case 'connecting':
      return 'Starting the model…';
    case 'needs-model':
      return 'Writing help needs Hearth’s model on this device.';
    case 'queued':
      return waitingText(state.queuedBehind);
    case 'loading': {
      const p = state.progress;
      if (!p || p.phase === 'init' || !p.totalBytes) return 'Loading the model…';
      return `Loading the model: ${Math.floor((100 * p.loadedBytes) / p.totalBytes)}% (${formatBytes(p.loadedBytes)} of ${formatBytes(p.totalBytes)})`;
    }
    case 'reading':
      return `Reading your text${part}…`;
    case 'writing':
      return `Writing${part}…`;
    case 'done':
      if (state.cutOff) return 'The model stopped at its length limit: the end of the suggestion may be missing.';
      if (!changes?.count) return 'Done.';
      return `${changes.count === 1 ? '1 change' : `${changes.count} changes`}${changes.explained ? ' · point at one to see why' : ''}.`;
    case 'stopped':
      return 'Stopped. What was written is below; nothing was applied.';
    case 'error':
      return 'No suggestion.';
  }
}
