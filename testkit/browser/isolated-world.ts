import type { Page } from 'playwright-core';
import type { Hearth } from './launch';

/**
 * Run `expression` in Hearth's content-script world of `page`'s top frame (the isolated world Chrome gives our
 * injected scripts), through the DevTools protocol. Tests use it to play a content script that a hostile page
 * has taken over: whatever it sends, Chrome still reports the true sender (its tab, frame and URL).
 */
export async function evaluateInHearthWorld<T>(hearth: Hearth, page: Page, expression: string): Promise<T> {
  const cdp = await hearth.context.newCDPSession(page);
  try {
    const contexts: Array<{ id: number; origin: string; auxData?: { type?: string; frameId?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as never));
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const world = contexts.find(
      (c) => c.auxData?.type === 'isolated' && c.auxData.frameId === frameTree.frame.id && c.origin === `chrome-extension://${hearth.extensionId}`,
    );
    if (!world) throw new Error('Hearth has no content script in this page.');
    const result = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
    return result.result.value as T;
  } finally {
    await cdp.detach().catch(() => {});
  }
}
