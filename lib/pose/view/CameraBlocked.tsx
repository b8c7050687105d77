import type { CameraProblem } from '../camera-error';

/** A camera with a slash: drawn inline (no image files to package), in the text colour. */
const CameraOff = () => (
  <svg class="blocked-icon" viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
    <path d="M15 10.5 20.5 7v10L15 13.5" />
    <path d="M13 17H5a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2h1m4 0h3a2 2 0 0 1 2 2v4" />
    <path d="M3 3l18 18" />
  </svg>
);

export interface CameraBlockedProps {
  problem: CameraProblem;
  /** Why the view refused to start at all (it was not opened by Hearth): then trying again cannot help. */
  refused?: boolean;
  onAllow(): void;
  onRetry(): void;
  onClose(): void;
}

/**
 * Shown instead of the picture and the settings when the camera cannot be used: only what happened and the way out,
 * not a black void above controls that cannot do anything.
 */
export function CameraBlocked({ problem, refused, onAllow, onRetry, onClose }: CameraBlockedProps) {
  return (
    <section class="blocked" aria-labelledby="blocked-title" data-testid="camera-blocked">
      <CameraOff />
      <h2 id="blocked-title">{problem.title}</h2>
      <p class="error-text" role="alert" data-testid={refused ? 'pose-refused' : undefined}>{problem.message}</p>
      {problem.needsPermission && (
        <p class="help">Open Hearth’s camera page and choose <strong>Allow</strong> when Chrome asks. Then come back here and press Try again.</p>
      )}
      <div class="actions">
        {problem.needsPermission && <button type="button" class="btn primary" onClick={onAllow}>Allow the camera</button>}
        {!refused && <button type="button" class={`btn ${problem.needsPermission ? '' : 'primary'}`} onClick={onRetry}>Try again</button>}
        <button type="button" class="btn" onClick={onClose}>Turn off</button>
      </div>
    </section>
  );
}
