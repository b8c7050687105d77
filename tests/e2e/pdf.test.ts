import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type Route, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf, TINY_ECHO_WORDS } from '../../testkit/models/tiny-llama-gguf';
import { chooseTinyModel, pressSummaryShortcut, tabIdOf, waitForSummary } from '../../testkit/browser/summary';
import { makeImageOnlyPdf, makeLongPdf, makePasswordPdf, makePdf, type PageSpec } from '../../testkit/pdf/make-pdf';
import { countWords } from '../../lib/page-text/count-words';
import { extractPdf, type PdfjsLike } from '../../lib/pdf/extract-pdf';

// PDFs written by pdf-lib, served like a real site: no CORS headers, so only a permission Chrome granted
// (activeTab after a real shortcut, or the user's "allow") lets Hearth download them. The `echo` model's answer
// continues its word chain after the earliest chain word it read, so the answer proves which page's text reached it.

let hearth: Hearth;
let server: TestServer;
let other: string;

const after = (word: string) => TINY_ECHO_WORDS.slice(TINY_ECHO_WORDS.indexOf(word) + 1).map((w) => ` ${w}`).join('');
const KEY = 'hearth:sidePanelSummary';

/** Three pages; `mark` (a chain word) stands on page 3 only. */
const pages = (mark: string): PageSpec[] => [
  { heading: 'Garden notes', paragraphs: [['The gardener kept notes through the year about the', 'beds, the paths and the weather.'], ['Spring came late.']] },
  { paragraphs: [['Summer was dry, and the well ran low in August.']] },
  { paragraphs: [[`In autumn she planted a ${mark} beside the old stone wall.`]] },
];
const wordsOf = (spec: PageSpec[]) => spec.reduce((n, p) => n + countWords([p.heading ?? '', ...p.paragraphs.flat()].join(' ')), 0);

/** Served as a real site serves files: no CORS or CORP header. */
const plain = (body: Uint8Array | string, type: string): Route => (_req, res) => {
  res.removeHeader('Access-Control-Allow-Origin');
  res.removeHeader('Cross-Origin-Resource-Policy');
  res.setHeader('Content-Type', type);
  res.end(typeof body === 'string' ? body : Buffer.from(body));
};
/** CORS with credentials, so an extension page may download it without any grant (the benchmark's file). */
const open = (body: Uint8Array): Route => (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Content-Type', 'application/pdf');
  res.end(Buffer.from(body));
};
const html = (body: string) => plain(`<!doctype html><html><head><title>Links</title></head><body>${body}</body></html>`, 'text/html; charset=utf-8');

let tenPages: Uint8Array;
beforeAll(async () => {
  tenPages = await makeLongPdf(10, {}, 'Ten pages');
  server = await startServer({
    '/echo.gguf': fileRoute(makeTinyLlamaGguf({ echo: true, contextLength: 2048 })),
    '/garden.pdf': plain(await makePdf(pages('dahlia'), { title: 'Garden notes' }), 'application/pdf'),
    '/links.html': html('<p>Reports: <a id="same" href="/linked.pdf">linked</a></p>'),
    '/linked.pdf': plain(await makePdf(pages('garnet')), 'application/pdf'),
    '/far.pdf': plain(await makePdf(pages('garnet')), 'application/pdf'),
    '/login.pdf': html('<form>Sign in to read this report</form>'),
    '/locked.pdf': plain(await makePasswordPdf(), 'application/pdf'),
    '/scan.pdf': plain(await makeImageOnlyPdf(), 'application/pdf'),
    '/ten.pdf': open(tenPages),
    '/download': plain(await makePdf(pages('dahlia')), 'application/pdf'),
  });
  other = server.origin.replace('127.0.0.1', 'localhost');
  hearth = await launchHearth();
  await chooseTinyModel(hearth, `${server.origin}/echo.gguf`);
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

/** The side panel's own page, in a tab (the real panel is outside Playwright's reach); it shows the latest request. */
async function sidePage(): Promise<Page> {
  const side = await hearth.context.newPage();
  await side.goto(hearth.url('sidepanel.html'));
  return side;
}

/** Run the real "Summarize PDF" listener as Chrome calls it for a right-click on a link (menus cannot be clicked). */
async function dispatchLinkMenu(page: Page, linkUrl: string): Promise<void> {
  const tabId = await tabIdOf(hearth, page);
  await hearth.sw.evaluate(async ([tabId, linkUrl, pageUrl]) => {
    const tab = await chrome.tabs.get(tabId);
    const info = { menuItemId: 'hearth-summarize-pdf-link', editable: false, linkUrl, pageUrl, frameId: 0 };
    (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(info, tab);
  }, [tabId, linkUrl, page.url()] as const);
}

const sidePanels = () => hearth.sw.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).length);
const text = (side: Page, id: string) => side.getByTestId(id).first().textContent();

describe('a PDF is read on the device, with its pages', () => {
  it('benchmark: a 10-page PDF read in the side panel (download, pdf.js, every page), against Node in the same run', async () => {
    const nodeMs: number[] = [];
    let nodeWords = 0;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      const pdf = await extractPdf(tenPages, pdfjs as unknown as PdfjsLike);
      nodeMs.push(performance.now() - t0);
      nodeWords = pdf.pages.reduce((n, p) => n + countWords(p.text), 0);
    }
    const side = await sidePage();
    const browserMs: number[] = [];
    for (let run = 0; run < 3; run++) {
      const ms = await side.evaluate(async ({ key, url, run }) => {
        const t0 = performance.now();
        await chrome.storage.session.set({ [key]: { mode: 'page', note: 'bench', at: Date.now() + run, pdfUrl: url, pageUrl: url } });
        await new Promise<void>((resolve) => {
          const check = () => (/^PDF/.test(document.querySelector('[data-testid=read]')?.textContent ?? '') ? resolve() : setTimeout(check, 2));
          check();
        });
        return performance.now() - t0;
      }, { key: KEY, url: `${server.origin}/ten.pdf`, run });
      browserMs.push(ms);
      // The same words as pdf.js in Node found.
      expect(await text(side, 'read')).toBe(`PDF “Ten pages” · 10 pages · ${nodeWords.toLocaleString('en-US')} words`);
      await waitForSummary(side, 180_000);
    }
    console.log(`[bench] 10-page PDF (${tenPages.length} bytes) to text: side panel ${browserMs.map((m) => m.toFixed(0)).join(', ')} ms (first includes loading pdf.js); Node extractPdf ${nodeMs.map((m) => m.toFixed(0)).join(', ')} ms`);
    expect(Math.min(...browserMs)).toBeLessThan(10_000);
    await side.close();
  });

  it('a PDF tab: the shortcut sends it to the side panel, which reads every page and summarizes it with the PDF’s words', async () => {
    const page = await hearth.context.newPage();
    await page.goto(`${server.origin}/garden.pdf`);
    // Headless Chromium shows PDFs in its viewer (the viewer is an extension frame inside the tab).
    await expect.poll(() => page.frames().some((f) => f.url().startsWith('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/')), { timeout: 10_000 }).toBe(true);
    await pressSummaryShortcut(hearth, page, 'page');
    await expect.poll(() => hearth.sw.evaluate(async (k) => ((await chrome.storage.session.get(k))[k] as { pdfUrl?: string })?.pdfUrl, KEY), { timeout: 20_000 })
      .toBe(`${server.origin}/garden.pdf`);
    await expect.poll(() => sidePanels(), { timeout: 20_000 }).toBeGreaterThan(0); // the real side panel opened
    const side = await sidePage();
    expect(await waitForSummary(side, 120_000)).toBe(after('dahlia'));
    expect(await text(side, 'read')).toBe(`PDF “Garden notes” · 3 pages · ${wordsOf(pages('dahlia'))} words`);
    // What was read starts with page 1, numbered, its lines joined into one paragraph.
    expect(await text(side, 'preview')).toMatch(/^\[Page 1\]\nGarden notes\n\nThe gardener kept notes through the year about the beds, the paths/);
    await side.close();
    await page.close();
  });

  it('a PDF at an address without ".pdf" (its document says application/pdf) is read in the side panel too', async () => {
    const page = await hearth.context.newPage();
    await page.goto(`${server.origin}/download?id=3`);
    await expect.poll(() => page.frames().length, { timeout: 10_000 }).toBeGreaterThan(1);
    await pressSummaryShortcut(hearth, page, 'page');
    await expect.poll(() => hearth.sw.evaluate(async (k) => ((await chrome.storage.session.get(k))[k] as { pdfUrl?: string })?.pdfUrl, KEY), { timeout: 20_000 })
      .toBe(`${server.origin}/download?id=3`);
    // Known gap: Chrome opens no side panel here by itself (the shortcut's user gesture is spent once the worker has
    // awaited the injection that found the PDF); the hand-off waits in storage.session until the user opens it.
    const panelsInPage = await page.evaluate(() => document.querySelectorAll('hearth-summary').length);
    expect(panelsInPage).toBe(0);
    const side = await sidePage();
    expect(await waitForSummary(side, 120_000)).toBe(after('dahlia'));
    expect(await text(side, 'read')).toMatch(/^PDF( “[^”]*”)? · 3 pages · /);
    await side.close();
    await page.close();
  });
});

describe('a right-clicked PDF link', () => {
  let links: Page;
  beforeAll(async () => {
    links = await hearth.context.newPage();
    await links.goto(`${server.origin}/links.html`);
    // A real shortcut grants activeTab for this site, as a real right-click on the menu item does.
    await pressSummaryShortcut(hearth, links, 'page');
  });
  afterAll(() => links.close());

  it('on the same site: read with the tab’s grant and summarized in the side panel', async () => {
    await dispatchLinkMenu(links, `${server.origin}/linked.pdf`);
    const side = await sidePage();
    await expect.poll(() => text(side, 'note')).toMatch(/linked PDF \(linked\.pdf\) is downloaded and read here/);
    expect(await waitForSummary(side, 120_000)).toBe(after('garnet'));
    expect(await text(side, 'read')).toBe(`PDF “linked.pdf” · 3 pages · ${wordsOf(pages('garnet'))} words`);
    await side.close();
  });

  it('on another site without access: says so and offers to ask for that site', async () => {
    await dispatchLinkMenu(links, `${other}/far.pdf`);
    const side = await sidePage();
    await expect.poll(() => text(side, 'pdf-error'), { timeout: 20_000 }).toMatch(/no permission to read files from localhost:\d+/);
    expect(await text(side, 'pdf-allow')).toMatch(/^Allow Hearth to read files from localhost:\d+$/);
    expect(await side.getByTestId('summary').count()).toBe(0);
    await side.close();
  });

  for (const [path, message] of [
    ['/login.pdf', /sent a web page, not a PDF/],
    ['/locked.pdf', /protected by a password/],
    ['/scan.pdf', /This PDF has no text layer/],
  ] as const) {
    it(`gives a clear message for ${path}`, async () => {
      await dispatchLinkMenu(links, `${server.origin}${path}`);
      const side = await sidePage();
      await expect.poll(() => text(side, 'pdf-error'), { timeout: 20_000 }).toMatch(message);
      expect(await side.getByTestId('summary').count()).toBe(0);
      await side.close();
    });
  }
});
