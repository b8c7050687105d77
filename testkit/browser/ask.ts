import type { Page } from 'playwright-core';
import type { Hearth } from './launch';
import { pressSummaryShortcut } from './summary';

/**
 * Give Hearth access to a tab the way a user does: invoke it there (a real shortcut grants activeTab). The
 * "summarize selection" shortcut with nothing selected only shows the panel's "select some text" message.
 */
export async function grantTab(hearth: Hearth, page: Page): Promise<void> {
  await page.evaluate(() => getSelection()?.removeAllRanges());
  await pressSummaryShortcut(hearth, page, 'selection');
  await page.waitForFunction(() => !!document.querySelector('hearth-summary'), undefined, { timeout: 20_000 });
}

/**
 * The chat in a window of its own (as a detached popup), so the browser window keeps its active tab: the chat's
 * "this page" is then that tab, as it is for the toolbar popup or the side panel.
 */
export async function openChatWindow(hearth: Hearth, path = 'popup.html'): Promise<Page> {
  const opened = hearth.context.waitForEvent('page', { predicate: (p) => p.url().includes(path) });
  await hearth.sw.evaluate(async (url) => {
    await chrome.windows.create({ url, type: 'popup', width: 460, height: 760 });
  }, `chrome-extension://${hearth.extensionId}/${path}`);
  const chat = await opened;
  await chat.locator('[data-testid=backend][data-engine]:not([data-engine=""])').waitFor({ timeout: 20_000 });
  return chat;
}

/** The tab id of the active tab in the last focused normal window, as the worker sees it. */
export const activeTabId = (hearth: Hearth) =>
  hearth.sw.evaluate(async () => {
    const win = await chrome.windows.getLastFocused({ windowTypes: ['normal'] });
    return (await chrome.tabs.query({ active: true, windowId: win.id }))[0]?.id ?? null;
  });

export const tabIdByUrl = (hearth: Hearth, url: string) =>
  hearth.sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null, url);

/** The text of the page's "hearth-ask" highlight (CSS Custom Highlight API), read in the page's own world. */
export const highlighted = (page: Page) =>
  page.evaluate(() => {
    const h = CSS.highlights.get('hearth-ask');
    return h ? [...h].map((r) => (r as Range).toString()).join(' | ') : null;
  });

/** The passages stored with the last question of the latest conversation (what the model was given). */
export const storedPassages = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('hearth-chat', 1);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = await new Promise<{ updatedAt: number; messages: { role: string; passages?: { text: string; title: string }[] }[] }[]>((resolve) => {
      const req = db.transaction('conversations').objectStore('conversations').getAll();
      req.onsuccess = () => resolve(req.result);
    });
    return all.sort((a, b) => b.updatedAt - a.updatedAt)[0]?.messages.filter((m) => m.role === 'user').at(-1)?.passages ?? [];
  });
