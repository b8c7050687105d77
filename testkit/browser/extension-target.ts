import type { CDPSession, Page } from 'playwright-core';
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

/**
 * The id of the target showing `path` of Hearth, as soon as Chrome reports it (target discovery events, no polling
 * clock); null when there is none after `timeout` ms. `timeout` 0 asks only whether one is there now.
 */
export async function findTarget(hearth: Hearth, via: Page, path: string, timeout = 10_000): Promise<string | null> {
  const cdp = await hearth.context.newCDPSession(via);
  try {
    return await waitForTarget(cdp, hearth.url(path), timeout);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** The id of a `page` target at `url`, waited for through `cdp`'s target discovery events (null after `timeout` ms). */
export async function waitForTarget(cdp: CDPSession, url: string, timeout: number): Promise<string | null> {
  type Info = { targetId: string; type: string; url: string };
  let resolveFound!: (id: string | null) => void;
  const found = new Promise<string | null>((r) => (resolveFound = r));
  const look = (e: { targetInfo: Info }) => {
    if (e.targetInfo.type === 'page' && e.targetInfo.url === url) resolveFound(e.targetInfo.targetId);
  };
  cdp.on('Target.targetCreated', look);
  cdp.on('Target.targetInfoChanged', look);
  const timer = setTimeout(() => resolveFound(null), timeout);
  try {
    await cdp.send('Target.setDiscoverTargets', { discover: true }); // reports the targets already there too
    const { targetInfos } = await cdp.send('Target.getTargets');
    const now = targetInfos.find((t) => t.type === 'page' && t.url === url);
    if (now) resolveFound(now.targetId);
    else if (timeout <= 0) resolveFound(null);
    return await found;
  } finally {
    clearTimeout(timer);
    cdp.off('Target.targetCreated', look);
    cdp.off('Target.targetInfoChanged', look);
    await cdp.send('Target.setDiscoverTargets', { discover: false }).catch(() => {});
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
