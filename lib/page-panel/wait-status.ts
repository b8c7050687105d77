import type { LoadProgress } from '../messaging/protocol';
import { formatBytes, waitingText } from '../ui-kit/format';

/** The phases every in-page panel goes through while it waits on the model host. */
export type HostWaitPhase = 'connecting' | 'needs-model' | 'queued' | 'loading';

export interface HostWait {
  queuedBehind: number;
  progress: LoadProgress | null;
}

/** The status line while the model host is not answering yet; `needsModel` says what the missing model is for. */
export function hostWaitText(phase: HostWaitPhase, wait: HostWait, needsModel = ''): string {
  switch (phase) {
    case 'connecting':
      return 'Starting the model…';
    case 'needs-model':
      return needsModel;
    case 'queued':
      return waitingText(wait.queuedBehind);
    case 'loading':
      return loadingText(wait.progress);
  }
}

function loadingText(p: LoadProgress | null): string {
  if (!p || p.phase === 'init' || !p.totalBytes) return 'Loading the model…';
  return `Loading the model: ${Math.floor((100 * p.loadedBytes) / p.totalBytes)}% (${formatBytes(p.loadedBytes)} of ${formatBytes(p.totalBytes)})`;
}
