import { hostWaitText } from '../../page-panel/wait-status';
import type { WriteState } from './write-session';

/** The panel's one status line; `changes` (the diff's, once done) and whether they explain themselves on hover. */
export function writeStatusText(state: WriteState, changes?: { count: number; explained: boolean }): string {
  const part = state.part && state.part.total > 1 ? ` (part ${state.part.index} of ${state.part.total})` : '';
  switch (state.phase) {
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
    default:
      return hostWaitText(state.phase, state, 'Writing help needs Hearth’s model on this device.');
  }
}
