import type { Page } from 'playwright-core';
import type { Hearth } from './launch';

/**
 * Hearth's real toolbar popup and side panel are targets Playwright does not list as pages. Tests reach them the
 * way DevTools does: attach to the target by its URL and send it protocol messages (through `via`'s session).
 */
export interface ExtensionTarget {
  /** Evaluate `expression` in the target (awaited, by value), as if during a user's click when `gesture` is set. */
  evaluate<T>(expression: string, gesture?: boolean): Promise<T>;
  /** A PNG screenshot of the target. */
  screenshot(): Promise<Buffer>;
  detach(): Promise<void>;
}

export async function findTarget(hearth: Hearth, via: Page, path: string, timeout = 10_000): Promise<string | null> {
  const cdp = await hearth.context.newCDPSession(via);
  try {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      const { targetInfos } = await cdp.send('Target.getTargets');
      const found = targetInfos.find((t) => t.url === hearth.url(path));
      if (found) return found.targetId;
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

export async function attachTarget(hearth: Hearth, via: Page, path: string): Promise<ExtensionTarget> {
  const targetId = await findTarget(hearth, via, path);
  if (!targetId) throw new Error(`No ${path} target is open.`);
  const cdp = await hearth.context.newCDPSession(via);
  // The non-flat protocol: Playwright's CDPSession cannot address a child session by id, but it can relay messages.
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  let next = 1;
  const waiting = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  // A target that goes away (the popup closing itself) answers nothing more: fail what is waiting.
  cdp.on('Target.detachedFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    for (const [, resolve] of waiting) resolve({ error: { message: 'the target closed' } });
    waiting.clear();
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  const send = async <T>(method: string, params: object): Promise<T> => {
    const id = next++;
    const answer = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) => {
      waiting.set(id, resolve);
      setTimeout(() => resolve({ error: { message: `no answer within 15 s` } }), 15_000);
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    const m = await answer;
    if (m.error) throw new Error(`${method}: ${m.error.message}`);
    return m.result as T;
  };
  return {
    async evaluate<T>(expression: string, gesture = false) {
      const r = await send<{ result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>('Runtime.evaluate', {
        expression, awaitPromise: true, returnByValue: true, userGesture: gesture,
      });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value as T;
    },
    async screenshot() {
      const { data } = await send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
      return Buffer.from(data, 'base64');
    },
    detach: () => cdp.detach().catch(() => {}),
  };
}

/** Poll `fn` until it returns a truthy value. */
export async function until<T>(fn: () => Promise<T>, what: string, timeout = 20_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
