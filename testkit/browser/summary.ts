import type { Page } from 'playwright-core';
import type { Hearth } from './launch';
import { addModel, openPopup } from './popup';
import { pressCommand } from './shortcut';
import { panelPart, type PanelTarget } from './closed-panel';

export { evaluateInPanel, panelPart } from './closed-panel';

export const SHORTCUT = { selection: 'Alt+Shift+S', page: 'Alt+Shift+G' } as const;

/** Choose the tiny GGUF (served at `url`) as the model, from the popup as a user does. */
export async function chooseTinyModel(hearth: Hearth, url: string): Promise<void> {
  const page = await openPopup(hearth);
  await page.locator('[data-testid=backend][data-engine=cpu]').waitFor({ timeout: 30_000 });
  await addModel(page, url);
  await page.close();
}

/** Select the text of the first element matching `selector` (in `frame`, default the page). */
export async function selectText(page: Page, selector: string, frameIndex = 0): Promise<void> {
  const frame = page.frames()[frameIndex]!;
  await frame.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const range = document.createRange();
    range.selectNodeContents(el);
    const s = getSelection()!;
    s.removeAllRanges();
    s.addRange(range);
  }, selector);
}

/** The tab id of `page` (brought to the front), as the worker sees it. */
export async function tabIdOf(hearth: Hearth, page: Page): Promise<number> {
  await page.bringToFront();
  return hearth.sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!);
}

/**
 * Run the real context-menu listener (menus cannot be clicked by automation), as Chrome calls it; `frame` is the
 * frame the selection is in (Chrome's frameId and frameUrl), the top frame when absent.
 */
export async function dispatchMenu(hearth: Hearth, page: Page, mode: 'selection' | 'page', selectionText?: string,
  frame: { frameId: number; frameUrl: string } = { frameId: 0, frameUrl: page.url() }): Promise<void> {
  const tabId = await tabIdOf(hearth, page);
  await hearth.sw.evaluate(
    async ([tabId, mode, selectionText, pageUrl, frame]) => {
      const tab = await chrome.tabs.get(tabId);
      const info = { menuItemId: `hearth-summarize-${mode}`, editable: false, pageUrl, ...frame, ...(selectionText ? { selectionText } : {}) };
      (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(info, tab);
    },
    [tabId, mode, selectionText, page.url(), frame] as const,
  );
}

/** Press the summary shortcut until the worker confirms that Chrome ran the command (testkit/browser/shortcut.ts). */
export async function pressSummaryShortcut(hearth: Hearth, page: Page, mode: 'selection' | 'page'): Promise<void> {
  await pressCommand(hearth, page, SHORTCUT[mode]);
}

/** Ask for a summary on a web page with the real shortcut, which grants activeTab, and wait for the new panel. */
export async function summarizeWithShortcut(hearth: Hearth, page: Page, mode: 'selection' | 'page'): Promise<{ pressedAt: number }> {
  await page.evaluate(() => document.querySelectorAll('hearth-summary').forEach((e) => e.setAttribute('data-test-old', '')));
  const pressedAt = Date.now();
  await pressSummaryShortcut(hearth, page, mode);
  await page.waitForFunction(() => !!document.querySelector('hearth-summary:not([data-test-old])'), undefined, { timeout: 20_000 });
  return { pressedAt };
}

/** The panel's parts (in its closed shadow root, reached through the DevTools protocol: testkit/browser/closed-panel.ts). */
export const panel = (page: PanelTarget) => ({
  root: panelPart(page, 'panel'),
  summary: () => panelPart(page, 'summary').textContent(),
  status: () => panelPart(page, 'status').textContent(),
  phase: () => panelPart(page, 'status').getAttribute('data-phase'),
  read: () => panelPart(page, 'read').textContent(),
});

/** Wait for the panel's summary to finish and return its text. */
export async function waitForSummary(page: PanelTarget, timeout = 120_000): Promise<string> {
  // A plain wait (not vitest's expect.poll), so `npm run bench` can use this helper outside the test runner.
  const deadline = Date.now() + timeout;
  let phase = await panel(page).phase(); // read once per look: the panel may start again between two reads
  while (!/done|stopped|error/.test(phase ?? '')) {
    if (Date.now() > deadline) throw new Error(`The summary did not finish within ${timeout} ms.`);
    await new Promise((r) => setTimeout(r, 100));
    phase = await panel(page).phase();
  }
  if (phase === 'error') throw new Error(`The panel shows an error: ${await panelPart(page, 'error').textContent()}`);
  return (await panel(page).summary()) ?? '';
}
