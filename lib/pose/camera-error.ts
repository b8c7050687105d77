/** What a user should read when `getUserMedia` fails, and whether the fix is to allow the camera for Hearth. */
export interface CameraProblem {
  message: string;
  needsPermission: boolean;
}

export function describeCameraError(err: unknown): CameraProblem {
  const name = (err as Error)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return {
      message: 'Hearth may not use the camera. Allow it once on Hearth’s camera page, then try again.',
      needsPermission: true,
    };
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return { message: 'No camera was found. Connect one and try again.', needsPermission: false };
  if (name === 'NotReadableError' || name === 'AbortError' || name === 'TrackStartError') {
    return { message: 'The camera is busy in another app or tab. Close it there and try again.', needsPermission: false };
  }
  return { message: `The camera could not start: ${(err as Error)?.message ?? String(err)}`, needsPermission: false };
}
