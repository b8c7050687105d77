import type { CDPSession, Page } from 'playwright-core';
import type { Hearth } from './launch';
import { waitForTarget } from './extension-target';

export interface ActionPopup {
  /** Run an expression in the popup and return its (JSON-able) value. */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

/**
 * Open Hearth's real toolbar popup over `tab` (its active tab is then that page, as for a user), unlike
 * `openPopup`, which loads popup.html in a tab of its own. Playwright does not list the popup as a page, so it is
 * reached through the tab's CDP session: attached to the popup's target, messages wrapped for it.
 */
export async function openActionPopup(hearth: Hearth, tab: Page): Promise<ActionPopup> {
  await tab.bringToFront();
  const opened = await hearth.sw.evaluate(() => chrome.action.openPopup().then(() => '', (e: Error) => e.message));
  if (opened) throw new Error(`The popup did not open: ${opened}`);
  const cdp: CDPSession = await hearth.context.newCDPSession(tab);
  const targetId = await waitForTarget(cdp, hearth.url('popup.html'), 20_000);
  if (!targetId) throw new Error('The popup has no target.');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  let nextId = 0;
  const waiting = new Map<number, (m: { result?: { result: { value: unknown }; exceptionDetails?: { text: string } } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number };
    if (m.id !== undefined) waiting.get(m.id)?.(m as never);
  });
  const call = (method: string, params: object) =>
    new Promise<{ result?: { result: { value: unknown }; exceptionDetails?: { text: string } } }>((resolve) => {
      const id = ++nextId;
      waiting.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  return {
    async evaluate<T>(expression: string) {
      const r = await call('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
      if (r.result?.exceptionDetails) throw new Error(r.result.exceptionDetails.text);
      return r.result?.result.value as T;
    },
    async close() {
      await call('Runtime.evaluate', { expression: 'window.close()' });
      await cdp.detach().catch(() => {});
    },
  };
}
