import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writeFile } from 'node:fs/promises';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';
import { tinyGreedyContinuation } from '../../testkit/models/tiny-expected';
import { chooseTinyModel, panel, panelPart, waitForSummary } from '../../testkit/browser/summary';
import { pressShortcut } from '../../testkit/browser/shortcut';
import { ARTICLE_PARAGRAPHS, articlePage } from '../../testkit/browser/summary-pages';
import { attachTarget, findTarget, until, type ExtensionTarget } from '../../testkit/browser/extension-target';
import { openPopup, showView } from '../../testkit/browser/popup';
import { buildSummaryMessages } from '../../lib/summarize/prompt';

// "Summarize this page" from the real toolbar popup and from the real side panel, on a web page, with the tiny model.
let hearth: Hearth;
let server: TestServer;
const EXPECTED = tinyGreedyContinuation(
  buildSummaryMessages('any text', { source: 'page', title: 'x', language: null }, { length: 'medium', format: 'paragraph' }).map((m) => m.content).join(''),
);
const OPEN_HEARTH = 'Alt+Shift+H';
const SHOTS = process.env.HEARTH_SHOTS_DIR;

beforeAll(async () => {
  server = await startServer({
    '/tiny.gguf': fileRoute(makeTinyLlamaGguf({ contextLength: 2048 })),
    '/article.html': fileRoute(articlePage(), 'text/html; charset=utf-8'),
  });
  hearth = await launchHearth();
  await chooseTinyModel(hearth, `${server.origin}/tiny.gguf`);
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

async function openArticle(): Promise<Page> {
  const page = await hearth.context.newPage();
  await page.goto(`${server.origin}/article.html`);
  return page;
}

/** Open the toolbar popup over `page` with Hearth's "open" shortcut, as a user does (it grants activeTab there). */
async function openToolbarPopup(page: Page): Promise<ExtensionTarget> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await pressShortcut(hearth.context, page, OPEN_HEARTH);
    // Pressed again only when no popup came in 10 s (a dropped key): a second press of a shown popup would close it.
    if (await findTarget(hearth, page, 'popup.html', 10_000)) return attachTarget(hearth, page, 'popup.html');
  }
  throw new Error(`${OPEN_HEARTH} did not open the popup.`);
}

const pastSummaries = () =>
  hearth.sw.evaluate(async () => ((await chrome.storage.local.get('summaryHistory')).summaryHistory ?? []) as { title: string; url?: string; summary: string }[]);

describe('Summarize this page', () => {
  it('in the popup: a click opens the summary panel on the page with its text, and History lists it', async () => {
    const page = await openArticle();
    const popup = await openToolbarPopup(page);
    await until(() => popup.evaluate<boolean>('!!document.querySelector("[data-testid=summarize-page]")'), 'the popup button');
    expect(await popup.evaluate<string>('document.querySelector("[data-testid=summarize-page]").title')).toBe('Summarize the page in this tab (Alt+Shift+G)');
    if (SHOTS) await writeFile(`${SHOTS}/popup-real.png`, await popup.screenshot());
    await popup.evaluate('document.querySelector("[data-testid=summarize-page]").click()', true);
    await page.locator('hearth-summary').waitFor({ state: 'attached', timeout: 20_000 });
    expect(await waitForSummary(page)).toBe(EXPECTED);
    expect(await panel(page).read()).toMatch(/^Page · \d+ words$/);
    expect(await panelPart(page, 'preview').textContent()).toContain(ARTICLE_PARAGRAPHS[0]!.slice(0, 60));
    // The popup closed itself once the panel was on its way.
    await expect.poll(() => findTarget(hearth, page, 'popup.html', 0)).toBeNull();

    await expect.poll(pastSummaries).toEqual([expect.objectContaining({ title: 'The Loire — Rivers', url: `${server.origin}/article.html`, summary: EXPECTED })]);
    const history = await openPopup(hearth);
    await showView(history, 'History');
    await history.getByTestId('past-summary').getByText('The Loire — Rivers').click();
    expect(await history.getByTestId('past-summary').locator('.summary-text').textContent()).toBe(EXPECTED);
    await history.close();
    await page.close();
  });

  it('in the side panel: the button summarizes the page beside it there, or says which key lets Hearth read it', async () => {
    const page = await openArticle();
    const tabId = await hearth.sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!);
    // Open the side panel from the popup (sidePanel.open needs a user's click, which the protocol can stand for).
    const popup = await openToolbarPopup(page);
    await popup.evaluate(`void chrome.sidePanel.open({ tabId: ${tabId} }).catch((e) => console.error(e))`, true);
    expect(await findTarget(hearth, page, 'sidepanel.html')).not.toBeNull();
    const side = await attachTarget(hearth, page, 'sidepanel.html');
    await popup.evaluate('window.close()').catch(() => {});
    await until(() => side.evaluate<boolean>('!!document.querySelector("[data-testid=summarize-page-chat]")'), 'the side panel chat');
    // One tab bar, with Summary in it.
    expect(await side.evaluate<string[]>('[...document.querySelectorAll("nav")].map((n) => n.textContent)')).toEqual(['ChatSummaryHistoryModelsSettings']);

    // A page of another site than the one the user last asked on: Chrome has not given Hearth access to it.
    await page.goto(`${server.origin.replace('127.0.0.1', 'localhost')}/article.html`);
    await side.evaluate('document.querySelector("[data-testid=summarize-page-chat]").click()', true);
    const refused = await until(() => side.evaluate<string | null>('document.querySelector("[data-testid=read-error]")?.textContent ?? null'), 'the access message')
      .catch(async (e) => { console.log(await side.evaluate<string>('document.body.innerText')); throw e; });
    expect(refused).toMatch(/press Alt\+Shift\+G there/);

    // After the user opened Hearth on the page (the toolbar click grants access), the same button works.
    const again = await openToolbarPopup(page);
    await again.evaluate('window.close()').catch(() => {});
    await side.evaluate('document.querySelector("[data-testid=summarize-page]").click()', true);
    const done = await until(
      () => side.evaluate<string | null>('document.querySelector("[data-testid=status]")?.dataset.phase === "done" ? document.querySelector("[data-testid=summary]").textContent : null'),
      'the side panel summary', 60_000,
    ).catch(async (e) => { console.log(await side.evaluate<string>('document.body.innerText')); throw e; });
    expect(done).toBe(EXPECTED);
    expect(await side.evaluate<string>('document.querySelector("[data-testid=read]").textContent')).toMatch(/^Page · \d+ words$/);
    expect(await side.evaluate<string>('document.querySelector("[data-testid=preview]").textContent')).toContain(ARTICLE_PARAGRAPHS[0]!.slice(0, 60));
    if (SHOTS) await writeFile(`${SHOTS}/sidepanel-real.png`, await side.screenshot());
    expect(await page.locator('hearth-summary').count()).toBe(0); // nothing was put on the page
    await side.detach();
    await page.close();
  });
});
