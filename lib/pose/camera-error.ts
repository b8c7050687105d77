/**
 * What a user should read when `getUserMedia` fails: a short title, what happened, and whether the fix is to allow
 * the camera for Hearth. What to do next depends on where the user is (the overlay sends them to the camera page;
 * the camera page itself points at Chrome's camera icon), so the message says only what happened.
 */
export interface CameraProblem {
  title: string;
  message: string;
  needsPermission: boolean;
}

export const CAMERA_BLOCKED = 'Camera blocked';

export function describeCameraError(err: unknown): CameraProblem {
  const name = (err as Error)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return { title: CAMERA_BLOCKED, message: 'Hearth may not use the camera: Chrome blocks it for Hearth.', needsPermission: true };
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return { title: 'No camera found', message: 'No camera was found. Connect one and try again.', needsPermission: false };
  }
  if (name === 'NotReadableError' || name === 'AbortError' || name === 'TrackStartError') {
    return { title: 'Camera busy', message: 'The camera is busy in another app or tab. Close it there and try again.', needsPermission: false };
  }
  return { title: 'Camera did not start', message: `The camera could not start: ${(err as Error)?.message ?? String(err)}`, needsPermission: false };
}
