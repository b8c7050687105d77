import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type Route, type TestServer } from '../../testkit/browser/server';
import { makePdf } from '../../testkit/pdf/make-pdf';
import { makeTinyLlamaGguf, TINY_ECHO_WORDS } from '../../testkit/models/tiny-llama-gguf';
import { chooseTinyModel, tabIdOf } from '../../testkit/browser/summary';
import { pressCommand } from '../../testkit/browser/shortcut';

// Translation where Chrome lets no content script run (its own pages): the side panel takes it, from the real
// shortcut's gesture, and translates there on Hearth's own engine (Debian's Chromium 156 has Translator but no pair it
// can fetch). The `echo` tiny model continues its word chain after the earliest chain word it read, so its answer
// says which text reached it.

const PAGE_KEY = 'Alt+Shift+Y';
const STORED = 'hearth:sidePanelTranslation';

let hearth: Hearth;
let server: TestServer;

const after = (word: string) => TINY_ECHO_WORDS.slice(TINY_ECHO_WORDS.indexOf(word) + 1).map((w) => ` ${w}`).join('').trim();

beforeAll(async () => {
  // Served as a real site serves files (no CORS header): only the shortcut's activeTab grant lets Hearth download it.
  const pdf = await makePdf([
    { heading: 'Gartennotizen', paragraphs: [['Die Gärtnerin schrieb das ganze Jahr über', 'die Beete und das Wetter.']] },
    { paragraphs: [['Im Herbst pflanzte sie eine fennel neben die alte Mauer.']] },
  ], { title: 'Gartennotizen' });
  const plain: Route = (_req, res) => {
    res.removeHeader('Access-Control-Allow-Origin');
    res.removeHeader('Cross-Origin-Resource-Policy');
    res.setHeader('Content-Type', 'application/pdf');
    res.end(Buffer.from(pdf));
  };
  server = await startServer({ '/echo.gguf': fileRoute(makeTinyLlamaGguf({ echo: true, contextLength: 2048 })), '/garten.pdf': plain });
  hearth = await launchHearth({ args: ['--lang=en-US'] });
  await chooseTinyModel(hearth, `${server.origin}/echo.gguf`);
  // Translation's commands have no default key (Chrome's four suggested keys are taken): set one as a user does in
  // chrome://extensions/shortcuts, through that page's own API.
  const keys = await hearth.context.newPage();
  await keys.goto('chrome://extensions/shortcuts');
  await keys.evaluate(([extensionId, keybinding]) =>
    (chrome as unknown as { developerPrivate: { updateExtensionCommand(o: unknown): Promise<void> } }).developerPrivate.updateExtensionCommand({ extensionId, commandName: 'translate-page', keybinding }),
  [hearth.extensionId, PAGE_KEY] as const);
  await keys.close();
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

const handedOff = () => hearth.sw.evaluate(async (key) => (await chrome.storage.session.get(key))[key] as { mode: string; text?: string; note: string } | undefined, STORED);

/** The side panel's own page in a tab (the panel itself is outside Playwright's reach), on its Translation view. */
async function openSidePanelPage(): Promise<Page> {
  const side = await hearth.context.newPage();
  await side.goto(hearth.url('sidepanel.html'));
  await side.locator('[data-testid=sidepanel-translation]').waitFor({ state: 'visible', timeout: 20_000 });
  return side;
}

const part = (side: Page, id: string) => side.locator(`[data-testid=sidepanel-translation] [data-testid=${id}]`);

async function waitForTranslation(side: Page) {
  await expect.poll(() => part(side, 'status').getAttribute('data-phase'), { timeout: 120_000, interval: 200 }).toMatch(/done|error|same-language|stopped/);
  return { phase: await part(side, 'status').getAttribute('data-phase'), route: await part(side, 'status').getAttribute('data-route'), text: (await part(side, 'translation').textContent())!.trim() };
}

describe('Translate where no content script can run', () => {
  it("on a chrome:// page the shortcut opens the side panel, which says why and that it cannot read the page's text; pasted text is translated there", async () => {
    const page = await hearth.context.newPage();
    await page.goto('chrome://version');
    await pressCommand(hearth, page, PAGE_KEY);
    // Without the `tabs` permission Chrome shows Hearth no URL for its own pages: no URL is a page no extension may read.
    await expect.poll(handedOff, { timeout: 20_000 }).toMatchObject({ mode: 'page', note: 'Chrome does not let extensions read this page, so the translation opens here.' });
    expect((await handedOff())!.text).toBeUndefined();
    // The real side panel opened from the key's gesture.
    await expect.poll(() => hearth.sw.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).length), { timeout: 20_000 }).toBe(1);
    expect(await page.evaluate(() => document.querySelector('hearth-translate'))).toBeNull();

    const side = await openSidePanelPage();
    expect(await side.locator('nav button[aria-pressed=true]').textContent()).toBe('Translation');
    expect(await part(side, 'translate-note').textContent()).toBe('Chrome does not let extensions read this page, so the translation opens here.');
    expect(await part(side, 'translate-unreadable').textContent()).toMatch(/cannot read this page's text/);
    await part(side, 'translate-paste').fill('Die Gärtnerin pflanzte eine hazel neben die Mauer.');
    await part(side, 'translate-pasted').click();
    const shown = await waitForTranslation(side);
    expect(await part(side, 'error').count()).toBe(0);
    expect(shown).toEqual({ phase: 'done', route: 'model', text: after('hazel') });
    expect(await part(side, 'read').textContent()).toMatch(/^Pasted text · 8 words/);
    await side.close();
    await page.close();
  });

  it("a PDF tab: the key sends its document to the side panel, which reads it with pdf.js and translates its pages", async () => {
    const page = await hearth.context.newPage();
    await page.goto(`${server.origin}/garten.pdf`);
    // Headless Chromium shows PDFs in its viewer (an extension frame inside the tab).
    await expect.poll(() => page.frames().some((f) => f.url().startsWith('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/')), { timeout: 10_000 }).toBe(true);
    await pressCommand(hearth, page, PAGE_KEY);
    await expect.poll(handedOff, { timeout: 20_000 }).toMatchObject({ mode: 'page', pdfUrl: `${server.origin}/garten.pdf`, note: expect.stringMatching(/PDF viewer does not let extensions read the document, so the translation opens here/) });
    const side = await openSidePanelPage();
    const shown = await waitForTranslation(side);
    expect(await part(side, 'error').count()).toBe(0);
    expect(shown).toEqual({ phase: 'done', route: 'model', text: after('fennel') });
    expect(await part(side, 'read').textContent()).toMatch(/^PDF “Gartennotizen” · 2 pages · \d+ words$/);
    expect(await part(side, 'translate-unreadable').count()).toBe(0);
    await side.close();
    await page.close();
  });

  it("a selection from the menu on a chrome:// page is translated in the side panel from Chrome's copy", async () => {
    const page = await hearth.context.newPage();
    await page.goto('chrome://version');
    const tabId = await tabIdOf(hearth, page);
    const selection = 'Im Sommer setzte sie eine indigo Rose in das Beet.';
    // The real listener, as Chrome calls it (menus cannot be clicked by automation; this brings no gesture, so the
    // side panel does not open by itself here, and its page is opened instead).
    await hearth.sw.evaluate(async ([tabId, selectionText]) => {
      const tab = await chrome.tabs.get(tabId);
      const info = { menuItemId: 'hearth-translate-selection', editable: false, pageUrl: 'chrome://version/', frameId: 0, selectionText };
      (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(info, tab);
    }, [tabId, selection] as const);
    await expect.poll(handedOff, { timeout: 20_000 }).toMatchObject({ mode: 'selection', text: selection });
    const side = await openSidePanelPage();
    expect(await part(side, 'translate-note').textContent()).toMatch(/its own pages \(chrome:\/\/…\), so the translation opens here\./);
    expect(await part(side, 'translate-unreadable').count()).toBe(0);
    const shown = await waitForTranslation(side);
    expect(shown).toEqual({ phase: 'done', route: 'model', text: after('indigo') });
    expect(await part(side, 'read').textContent()).toMatch(/^Selection · 10 words/);
    await side.close();
    await page.close();
  });
});
