import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type Route, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf, TINY_ECHO_WORDS } from '../../testkit/models/tiny-llama-gguf';
import { chooseTinyModel, pressSummaryShortcut } from '../../testkit/browser/summary';
import { lastAnswer } from '../../testkit/browser/popup';
import { makePasswordPdf, makePdf, type PageSpec } from '../../testkit/pdf/make-pdf';
import { makeHiddenTextPdf } from '../../testkit/pdf/make-hidden-text-pdf';
import { activeTabId, openChatWindow, storedPassages, tabIdByUrl } from '../../testkit/browser/ask';
import { countWords } from '../../lib/page-text/count-words';

/** HEARTH_DOC_SHOTS=1 refreshes the pictures in docs/ (a plain test run leaves the tree as it was). */
const DOC_SHOTS = !!process.env.HEARTH_DOC_SHOTS;

// "Ask about this page" on a PDF tab: Chrome's viewer runs no content script, so the chat downloads the PDF with
// the tab's grant and reads it with pdf.js, one section per page. The `echo` model continues its word chain after
// the earliest chain word it read: "dahlia" stands on page 3 only, so the answer proves page 3 reached the model.
const after = (word: string) => TINY_ECHO_WORDS.slice(TINY_ECHO_WORDS.indexOf(word) + 1).map((w) => ` ${w}`).join('');
const PAGES: PageSpec[] = [
  { heading: 'Garden notes', paragraphs: [['The gardener kept notes through the year about the', 'beds, the paths and the weather.'], ['Spring came late.']] },
  { paragraphs: [['Summer was dry, and the well ran low in August.']] },
  { paragraphs: [['In autumn she planted a dahlia beside the old stone wall.']] },
];
const WORDS = PAGES.reduce((n, p) => n + countWords([p.heading ?? '', ...p.paragraphs.flat()].join(' ')), 0);

/** Served as a real site serves files: no CORS header, so only the tab's grant lets Hearth download it. */
const plain = (body: Uint8Array): Route => (_req, res) => {
  res.removeHeader('Access-Control-Allow-Origin');
  res.removeHeader('Cross-Origin-Resource-Policy');
  res.setHeader('Content-Type', 'application/pdf');
  res.end(Buffer.from(body));
};

let hearth: Hearth;
let server: TestServer;
let report: Page;
let chat: Page;
/** Every tab a test opened, closed after it. */
let opened: Page[] = [];

/** Open a PDF in a tab and invoke Hearth there (a real shortcut: activeTab for its site, as a user grants it). */
async function openPdfTab(path: string): Promise<Page> {
  const page = await hearth.context.newPage();
  opened.push(page);
  await page.goto(`${server.origin}${path}`);
  // What an earlier press left for the side panel would pass the wait below before this press has done anything.
  await hearth.sw.evaluate(() => chrome.storage.session.remove('hearth:sidePanelSummary'));
  await expect.poll(() => page.frames().some((f) => f.url().startsWith('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/')), { timeout: 10_000 }).toBe(true);
  await pressSummaryShortcut(hearth, page, 'page');
  await expect.poll(() => hearth.sw.evaluate(async () => ((await chrome.storage.session.get('hearth:sidePanelSummary'))['hearth:sidePanelSummary'] as { pdfUrl?: string })?.pdfUrl), { timeout: 20_000 })
    .toBe(`${server.origin}${path}`);
  return page;
}

beforeAll(async () => {
  server = await startServer({
    '/echo.gguf': fileRoute(makeTinyLlamaGguf({ echo: true, contextLength: 2048 })),
    '/garden.pdf': plain(await makePdf(PAGES, { title: 'Garden notes' })),
    '/locked.pdf': plain(await makePasswordPdf()),
    '/hidden.pdf': plain(await makeHiddenTextPdf()),
  });
  hearth = await launchHearth();
  await chooseTinyModel(hearth, `${server.origin}/echo.gguf`);
}, 180_000);
// Each test has its own PDF tab (Hearth invoked on it) and its own chat window in a new conversation.
beforeEach(async () => {
  report = await openPdfTab('/garden.pdf');
  chat = await openChatWindow(hearth);
  opened.push(chat);
  await chat.getByRole('button', { name: 'New chat' }).click();
}, 120_000);
afterEach(async () => {
  for (const page of opened.splice(0)) await page.close();
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

/** Ask about the PDF tab and wait for the answer, as the first test does (its checks are there). */
async function askAboutGardenPdf(): Promise<void> {
  await chat.getByRole('button', { name: 'Ask about this page' }).click();
  await expect.poll(() => chat.locator('[data-testid=ask-source]').first().textContent(), { timeout: 30_000 }).toMatch(/^PDF · 3 pages · /);
  await chat.fill('#prompt', 'What did she plant in autumn?');
  await chat.locator('#prompt').press('Enter');
  await expect.poll(() => lastAnswer(chat).getAttribute('data-status'), { timeout: 90_000 }).toBe('done');
}

describe('Ask about a PDF tab', () => {
  it('reads the PDF by page, answers from it, and cites passages with their page', async () => {
    await chat.getByRole('button', { name: 'Ask about this page' }).click();
    const chip = chat.locator('[data-testid=ask-source]').first();
    await expect.poll(() => chip.textContent(), { timeout: 30_000 }).toMatch(/^PDF · 3 pages · /);
    expect(await chip.textContent()).toContain(`PDF · 3 pages · ${WORDS} words`);

    await chat.fill('#prompt', 'What did she plant in autumn?');
    await chat.locator('#prompt').press('Enter');
    await expect.poll(() => lastAnswer(chat).getAttribute('data-status'), { timeout: 90_000 }).toMatch(/done|error/);
    expect(await lastAnswer(chat).getAttribute('data-status'), (await lastAnswer(chat).textContent()) ?? '').toBe('done');
    expect((await lastAnswer(chat).locator('.markdown').textContent())?.trim()).toBe(after('dahlia').trim());

    // What the model was given: passages located by page, each page's text only under its own number.
    const given = (await storedPassages(chat)) as { text: string; page?: number }[];
    expect(given.find((p) => p.text.includes('dahlia'))?.page).toBe(3);
    expect(given.find((p) => p.text.includes('well ran low'))?.page).toBe(2);
    expect(given.every((p) => p.page !== undefined)).toBe(true);
    const item = chat.locator('[data-testid=ask-source-item]', { hasText: 'dahlia' });
    expect(await item.textContent()).toMatch(/Garden notes · p\. 3/);
    if (DOC_SHOTS) await chat.screenshot({ path: 'docs/ask-pdf-sources.png' });
  });

  it('a click on a PDF passage switches to the tab at that page, and the source stays current', async () => {
    await askAboutGardenPdf();
    const reportId = await tabIdByUrl(hearth, `${server.origin}/garden.pdf`);
    const other = await hearth.context.newPage();
    opened.push(other);
    await expect.poll(() => activeTabId(hearth)).not.toBe(reportId);
    const item = chat.locator('[data-testid=ask-source-item]', { hasText: 'dahlia' });
    expect(await item.getByRole('button').getAttribute('title')).toMatch(/^Opens p\. 3 in the PDF viewer/);
    // The chat's own tab listeners run before one added now, for the same events: once this one has seen the tab's
    // address change to "#page=3" (the only kind of update that can mark a PDF source changed), the chat has seen it.
    await chat.evaluate((id) => {
      const w = window as unknown as { tabUpdates: Array<{ url?: string; status?: string }> };
      w.tabUpdates = [];
      chrome.tabs.onUpdated.addListener((tabId, change) => void (tabId === id && w.tabUpdates.push(change)));
    }, reportId);
    await item.getByRole('button').click();
    await expect.poll(() => activeTabId(hearth)).toBe(reportId);
    await expect.poll(() => report.url()).toBe(`${server.origin}/garden.pdf#page=3`);
    await expect.poll(() => chat.evaluate(() => (window as unknown as { tabUpdates: Array<{ url?: string }> }).tabUpdates.some((u) => u.url?.endsWith('#page=3')))).toBe(true);
    // Opening a page of the PDF is not a change of the source.
    expect(await chat.locator('[data-testid=ask-source]').first().getAttribute('data-state')).toBe('ok');
    expect(await item.locator('[data-testid=ask-source-note]').count()).toBe(0);
    await other.close();
  });

  it('an edited question is asked again over the PDF (not resent without passages), its passages with their pages', async () => {
    await askAboutGardenPdf();
    const user = chat.locator('[data-testid=msg-user]').last();
    await user.getByRole('button', { name: 'Edit' }).click();
    await chat.fill('#edit-message', 'How dry was the summer?');
    await chat.getByRole('button', { name: 'Resend' }).click();
    await expect.poll(() => chat.locator('[data-testid=msg-user] .text').allTextContents()).toEqual(['How dry was the summer?']);
    await expect.poll(() => lastAnswer(chat).getAttribute('data-status'), { timeout: 90_000 }).toBe('done');
    expect(await chat.locator('[data-testid=msg-assistant]').count()).toBe(1);
    // The model read the PDF again (its answer is still the echo of page 3's "dahlia"), and the new question keeps
    // passages with their pages (not a plain resend). Their order is prompt.ts's business, so it is not checked here.
    expect((await lastAnswer(chat).locator('.markdown').textContent())?.trim()).toBe(after('dahlia').trim());
    const given = (await storedPassages(chat)) as { text: string; page?: number }[];
    expect(given.find((p) => p.text.includes('well ran low'))?.page).toBe(2);
    expect(given.find((p) => p.text.includes('dahlia'))?.page).toBe(3);
    expect(await chat.locator('[data-testid=ask-source-item]', { hasText: 'dahlia' }).textContent()).toMatch(/Garden notes · p\. 3/);
  });

  it('a PDF Hearth cannot read says why in the ask bar', async () => {
    // A conversation about the readable PDF; then the user moves to a locked one.
    await chat.getByRole('button', { name: 'Ask about this page' }).click();
    await expect.poll(() => chat.locator('[data-testid=ask-source]').first().textContent(), { timeout: 30_000 }).toMatch(/^PDF · 3 pages · /);
    await openPdfTab('/locked.pdf');
    await chat.getByRole('button', { name: 'Ask about this tab instead' }).click();
    await expect.poll(() => chat.locator('.ask-bar [role=alert]').textContent(), { timeout: 30_000 }).toMatch(/protected by a password/);
  });

  it('hostile PDF: words drawn for no reader (white, no ink, transparent, off the page) never reach the model', async () => {
    // "amber" and "basil" come before "dahlia" in the echo model's chain: either one read would change the answer.
    await openPdfTab('/hidden.pdf');
    await chat.getByRole('button', { name: 'Ask about this page' }).click();
    await expect.poll(() => chat.locator('[data-testid=ask-source]').first().textContent(), { timeout: 30_000 }).toMatch(/^PDF · 1 page · /);
    await chat.fill('#prompt', 'What was planted?');
    await chat.locator('#prompt').press('Enter');
    await expect.poll(() => lastAnswer(chat).getAttribute('data-status'), { timeout: 90_000 }).toBe('done');
    expect((await lastAnswer(chat).locator('.markdown').textContent())?.trim()).toBe(after('dahlia').trim());
    const given = (await storedPassages(chat)).map((p) => p.text).join('\n');
    expect(given).toContain('garnet rose');
    expect(given).not.toMatch(/amber|basil|violet|clover|indigo|saffron/);
  });
});

