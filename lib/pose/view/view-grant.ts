import { SenderRefusedError } from '../../messaging/errors';

export const NOT_OPENED_BY_HEARTH =
  'Hearth did not open this camera view, so the camera stays off. Turn the pose overlay on with Hearth’s button, the page’s right-click menu or Alt+Shift+O.';

type MessageWindow = Pick<Window, 'addEventListener' | 'removeEventListener'> & { parent: unknown };

/**
 * The camera view's side of the grant (lib/pose/worker/pose-grants.ts): wait for the one-time token the overlay's content
 * script posts from the parent frame, and claim it. A page that frames the view itself has no valid token, so this
 * rejects and the camera stays off. Forged tokens are ignored (a page may post them first); only when no token has
 * been claimed `timeoutMs` after the view started does it give up.
 */
export function waitForPoseGrant(win: MessageWindow, claim: (token: string) => Promise<unknown>, timeoutMs = 5_000): Promise<void> {
  if (win.parent === win) return Promise.reject(new SenderRefusedError(NOT_OPENED_BY_HEARTH));
  return new Promise((resolve, reject) => {
    let inFlight = 0;
    let timedOut = false;
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      win.removeEventListener('message', onMessage);
      if (err) reject(err);
      else resolve();
    };
    const onMessage = (e: MessageEvent) => {
      const data = e.data as { hearth?: unknown; token?: unknown } | null;
      if (e.source !== win.parent || data?.hearth !== 'pose-token' || typeof data.token !== 'string') return;
      inFlight++;
      claim(data.token).then(
        () => finish(),
        (err: Error & { code?: string }) => {
          inFlight--;
          // A refused token may be a forgery; anything else (the worker unreachable) is the real answer.
          if (!(err instanceof SenderRefusedError)) finish(err);
          else if (timedOut && inFlight === 0) finish(new SenderRefusedError(NOT_OPENED_BY_HEARTH));
        },
      );
    };
    const timer = setTimeout(() => {
      timedOut = true;
      if (inFlight === 0) finish(new SenderRefusedError(NOT_OPENED_BY_HEARTH));
    }, timeoutMs);
    win.addEventListener('message', onMessage);
  });
}
