import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type Route, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';
import { tinyGreedyContinuation } from '../../testkit/models/tiny-expected';
import { chooseTinyModel, dispatchMenu, evaluateInPanel, pressSummaryShortcut, panel, panelPart, selectText, summarizeWithShortcut, waitForSummary } from '../../testkit/browser/summary';
import { openPopup } from '../../testkit/browser/popup';
import { articlePage, FRAME_TEXT, frameInnerPage, framePage, HIDDEN_MARK, hiddenTextPage, hostilePage, longPage, XSS_TEXT, xssPage, ARTICLE_PARAGRAPHS } from '../../testkit/browser/summary-pages';
import { buildPartMessages, buildSummaryMessages, buildCombineMessages } from '../../lib/summarize/prompt';

let hearth: Hearth;
let server: TestServer;

const html = (body: () => string) => fileRoute(body(), 'text/html; charset=utf-8');
/**
 * The model's download (not the add-time header check, a Range request) waits a moment, so the first test can watch
 * the panel from before the model loads: the CPU engine loads and answers the tiny model within milliseconds.
 */
const slowDownload = (route: Route, ms: number): Route => async (req, res) => {
  if (!req.headers.range) await new Promise((r) => setTimeout(r, ms));
  return route(req, res);
};

beforeAll(async () => {
  server = await startServer({
    '/tiny.gguf': slowDownload(fileRoute(makeTinyLlamaGguf({ contextLength: 2048 })), 1500),
    '/article.html': html(articlePage),
    '/xss.html': html(xssPage),
    '/frame.html': html(framePage),
    '/frame-inner.html': html(frameInnerPage),
    '/hostile.html': html(hostilePage),
    '/hidden-text.html': html(hiddenTextPage),
    '/long.html': html(() => longPage(30_000)),
    '/longer.html': html(() => longPage(80_000)),
    '/huge.html': html(() => longPage(2.2 * 1024 * 1024)),
  });
  hearth = await launchHearth();
  hearth.sw.on('console', (m) => console.log(`[worker] ${m.text()}`));
  await chooseTinyModel(hearth, `${server.origin}/tiny.gguf`);
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

const info = { source: 'page' as const, title: 'x', language: null };
const style = { length: 'medium' as const, format: 'paragraph' as const };
const joined = (m: { content: string }[]) => m.map((x) => x.content).join('');
// Every prompt the summary sends ends with its own instruction sentence, so the tiny model's greedy answer
// is its count from " one" whatever the text: computed from its rule, for each kind of prompt.
const EXPECTED = tinyGreedyContinuation(joined(buildSummaryMessages('any text', info, style)));
expect(tinyGreedyContinuation(joined(buildPartMessages('t', info, 1, 2)))).toBe(EXPECTED);
expect(tinyGreedyContinuation(joined(buildCombineMessages(['a'], info, style, true)))).toBe(EXPECTED);
expect(EXPECTED).toBe(' one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty');

async function open(path: string): Promise<Page> {
  const page = await hearth.context.newPage();
  await page.goto(`${server.origin}${path}`);
  return page;
}

describe('summaries on the page', () => {
  it('summarizes the main text of an article (Readability), streamed into the panel', async () => {
    const page = await open('/article.html');
    await summarizeWithShortcut(hearth, page, 'page');
    // Watch the panel from the moment it is there: the model is not loaded yet (it was only chosen).
    await evaluateInPanel(page, (root) => {
      const w = window as unknown as { seen: string[]; phases: string[] };
      w.seen = [];
      w.phases = [];
      const look = () => {
        const status = root.querySelector('[data-testid=status]');
        const out = root.querySelector('[data-testid=summary]');
        if (status && w.phases.at(-1) !== status.textContent) w.phases.push(status.textContent ?? '');
        if (out && w.seen.at(-1) !== out.textContent) w.seen.push(out.textContent ?? '');
      };
      look();
      new MutationObserver(look).observe(root, { childList: true, characterData: true, subtree: true, attributes: true });
    });
    expect(await waitForSummary(page)).toBe(EXPECTED);
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(new Set(seen).size).toBeGreaterThan(3); // streamed, not delivered in one piece
    const phases = await page.evaluate(() => (window as unknown as { phases: string[] }).phases);
    expect(phases.some((p) => p.startsWith('Loading the model'))).toBe(true);
    expect(phases.at(-1)).toMatch(/^Read all/);
    const words = ARTICLE_PARAGRAPHS.join(' ').split(/\s+/).length; // Readability keeps the article's paragraphs only
    expect(await panel(page).read()).toBe(`Page · ${words} words`);
    expect(await panel(page).status()).toBe(`Read all ${words} words.`);
    const preview = await panelPart(page, 'preview').textContent();
    expect(preview).toMatch(/^The river Loire is the longest river in France\./);
    expect(preview).not.toMatch(/newsletter|Advertisement|Copyright/);

    // Copy puts the summary on the clipboard; a new format starts a new summary.
    await hearth.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await panelPart(page, 'copy').click();
    await expect.poll(() => panelPart(page, 'copy').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(EXPECTED.trim()); // without the space the model starts with
    const before = phases.length;
    await panelPart(page, 'format').selectOption('bullets');
    const phasesSince = () => page.evaluate((n) => (window as unknown as { phases: string[] }).phases.slice(n), before);
    await expect.poll(phasesSince).toContain('Writing the summary…');
    expect(await waitForSummary(page)).toBe(EXPECTED);
    expect(await panelPart(page, 'copy').textContent()).toBe('Copy');
    await page.close();
  });
});

describe('hidden text', () => {
  it('reads only what a visitor can see: words a page hides (ten ways) never reach the model', async () => {
    const page = await open('/hidden-text.html');
    expect(await page.evaluate((mark) => document.body.textContent!.split(mark).length - 1, HIDDEN_MARK)).toBe(10); // in the DOM
    await summarizeWithShortcut(hearth, page, 'page');
    expect(await waitForSummary(page)).toBe(EXPECTED);
    const words = ARTICLE_PARAGRAPHS.join(' ').split(/\s+/).length;
    expect(await panel(page).read()).toBe(`Page · ${words} words`);
    expect(await panelPart(page, 'preview').textContent()).not.toContain(HIDDEN_MARK);
    await page.close();
  });

  it('a selection over hidden words reads the visible ones only, line breaks kept', async () => {
    const page = await open('/hidden-text.html');
    await selectText(page, 'article');
    await summarizeWithShortcut(hearth, page, 'selection');
    expect(await waitForSummary(page)).toBe(EXPECTED);
    const visible = ['The Loire', ...ARTICLE_PARAGRAPHS];
    expect(await panel(page).read()).toBe(`Selection · ${countWordsLikeUs(visible.join(' '))} words`);
    const preview = (await panelPart(page, 'preview').textContent()) ?? '';
    expect(preview).not.toContain(HIDDEN_MARK);
    expect(preview.startsWith(`The Loire\n\n${ARTICLE_PARAGRAPHS[0]}\n\n${ARTICLE_PARAGRAPHS[1]!.slice(0, 20)}`), JSON.stringify(preview)).toBe(true);
    await page.close();
  });
});

describe('selections', () => {
  it('refuses a blank selection, then summarizes one from the real context-menu listener, showing HTML as text', async () => {
    const page = await open('/xss.html');
    // The real shortcut with nothing selected: a clear message (and Chrome grants activeTab on this tab).
    await summarizeWithShortcut(hearth, page, 'selection');
    await expect.poll(() => panelPart(page, 'error').textContent(), { timeout: 20_000 }).toMatch(/Nothing is selected/);

    await selectText(page, '#payload');
    await dispatchMenu(hearth, page, 'selection', XSS_TEXT.slice(0, 20)); // Chrome's copy may be cut: the page's is used
    await expect.poll(() => panel(page).read(), { timeout: 20_000 }).toBe(`Selection · ${countWordsLikeUs(XSS_TEXT)} words`);
    expect(await waitForSummary(page)).toBe(EXPECTED);
    expect(await panelPart(page, 'preview').textContent()).toBe(XSS_TEXT);
    expect(await page.locator('hearth-summary').count()).toBe(1); // the first panel was replaced, not stacked
    const inPanel = await evaluateInPanel(page, (root) => {
      return { img: root.querySelectorAll('img, script, b').length, xss: (window as unknown as { __xss?: number }).__xss ?? null };
    });
    expect(inPanel).toEqual({ img: 0, xss: null });
    await page.close();
  });

  it('reads a selection inside a same-origin frame, line breaks kept', async () => {
    const page = await open('/frame.html');
    await page.frameLocator('#f').locator('#inner').waitFor();
    await selectText(page, '#inner', 1);
    await summarizeWithShortcut(hearth, page, 'selection');
    await expect.poll(() => panel(page).read(), { timeout: 20_000 }).toBe(`Selection (in a frame) · ${FRAME_TEXT.split(/\s+/).length} words`);
    expect(await panelPart(page, 'preview').textContent()).toBe(FRAME_TEXT);
    expect(await waitForSummary(page)).toBe(EXPECTED);
    // Placed just below the selected text (inside the frame), not over it.
    const box = (await panel(page).root.boundingBox())!;
    const selected = (await page.frameLocator('#f').locator('#inner').boundingBox())!; // in page coordinates
    expect(box.y).toBeGreaterThanOrEqual(selected.y + selected.height);
    expect(box.y).toBeLessThan(selected.y + selected.height + 40);
    expect(Math.abs(box.x - selected.x)).toBeLessThan(20);
    await page.close();
  });

  it('reads a long selection in parts and combines them; a changing selection does not disturb it', async () => {
    const page = await open('/long.html');
    await selectText(page, '#long');
    const text = await page.evaluate(() => getSelection()!.toString());
    await summarizeWithShortcut(hearth, page, 'selection');
    await panel(page).root.waitFor({ timeout: 20_000 });
    await evaluateInPanel(page, (root) => {
      const phases: string[] = ((window as unknown as { phases: string[] }).phases = []);
      const status = root.querySelector('[data-testid=status]')!;
      new MutationObserver(() => phases.push(`${status.getAttribute('data-phase')}: ${status.textContent}`)).observe(status, { attributes: true, childList: true, characterData: true, subtree: true });
    });
    await expect.poll(() => panel(page).status(), { timeout: 60_000 }).toMatch(/Reading part 2 of \d+/);
    await selectText(page, 'p'); // the user selects something else meanwhile
    await page.mouse.click(5, 5);
    expect(await waitForSummary(page, 180_000)).toBe(EXPECTED);
    const parts = Number(await panelPart(page, 'status').getAttribute('data-parts'));
    expect(parts).toBeGreaterThan(3);
    expect(await panel(page).status()).toBe(`Read all ${countWordsLikeUs(text).toLocaleString('en-US')} words in ${parts} parts.`);
    const phases = await page.evaluate(() => (window as unknown as { phases: string[] }).phases);
    expect(phases.some((p) => p.startsWith(`reading: Reading part ${parts} of ${parts}`))).toBe(true);
    expect(phases.some((p) => p.startsWith('combining: Combining notes'))).toBe(true);
    expect(phases.filter((p) => p.startsWith('writing')).length).toBeGreaterThan(0);
    await page.close();
  });

  it('refuses more than 2 MB of text with a clear message', async () => {
    const page = await open('/huge.html');
    await selectText(page, '#long');
    await summarizeWithShortcut(hearth, page, 'selection');
    await expect.poll(() => panelPart(page, 'error').textContent(), { timeout: 30_000 }).toMatch(/too long \(2\.\d MB\); Hearth summarizes up to 2 MB/);
    await page.close();
  });
});

describe('the panel', () => {
  it('stops on Stop, says how much was read, summarizes again on request, and closes with Esc', async () => {
    const page = await open('/longer.html');
    // A long answer in the popup, started once part 2 is read, holds the model, so the summary's next part waits behind
    // it and Stop lands while the summary is still running. The tiny model reads a part in milliseconds: the summary can
    // still end before the popup's request reaches the model (it did once in a full run). Then that attempt proves
    // nothing about Stop, so the panel is closed and the summary started again, a few times at most.
    const popup = await openPopup(hearth);
    const blocker = (type: 'connect' | 'start' | 'stop') =>
      popup.evaluate((type) => {
        const w = window as unknown as { blocker: chrome.runtime.Port };
        if (type === 'connect') w.blocker = chrome.runtime.connect({ name: 'hearth:generate' });
        else if (type === 'stop') w.blocker.postMessage({ type: 'stop' });
        else w.blocker.postMessage({ type: 'start', request: { input: { kind: 'completion', prompt: 'one two three' }, options: { temperature: 0, maxTokens: 3000 } } });
      }, type);
    const ended: string[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      await blocker('connect');
      await summarizeWithShortcut(hearth, page, 'page');
      await expect.poll(() => panel(page).status(), { timeout: 60_000 }).toMatch(/Reading part 2 of/);
      await blocker('start');
      await panelPart(page, 'stop').click().catch(() => {}); // gone if the summary has just ended
      await expect.poll(() => panel(page).phase(), { timeout: 20_000 }).toMatch(/^(stopped|done)$/);
      const phase = (await panel(page).phase())!;
      await blocker('stop');
      if (phase === 'stopped') break;
      ended.push(phase);
      await panel(page).root.focus();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('hearth-summary').count()).toBe(0);
    }
    expect(await panel(page).phase(), `attempts that ended before Stop: ${ended.length}`).toBe('stopped');
    await popup.close();
    expect(await panel(page).status()).toMatch(/^Stopped after reading \d+% of the text \(\d+ parts?\)\.$/);
    expect(await panelPart(page, 'stop').count()).toBe(0); // nothing left to stop: Stop gives way to "Summarize again"
    await panelPart(page, 'again').click();
    await expect.poll(() => panel(page).phase()).not.toBe('stopped');
    expect(await waitForSummary(page)).toBe(EXPECTED);
    await panel(page).root.focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('hearth-summary').count()).toBe(0);
    await page.close();
  });

  it("keeps its look on a page with hostile CSS, and its styles stay out of the page", async () => {
    const look = async (path: string) => {
      const page = await open(path);
      await summarizeWithShortcut(hearth, page, 'page');
      await waitForSummary(page);
      const styles = await evaluateInPanel(page, (root) => {
        const props = ['color', 'font-family', 'font-size', 'line-height', 'letter-spacing', 'background-color', 'display', 'padding-top', 'margin-top', 'border-top-width', 'position', 'opacity', 'width'];
        const pick = (sel: string) => {
          const cs = getComputedStyle(root.querySelector(sel)!);
          return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
        };
        const decoy = getComputedStyle(document.querySelector('#decoy')!);
        return {
          panel: pick('[data-testid=panel]'), summary: pick('[data-testid=summary]'), copy: pick('[data-testid=copy]'),
          length: pick('[data-testid=length]'), read: pick('[data-testid=read]'),
          decoy: { position: decoy.position, zIndex: decoy.zIndex, boxShadow: decoy.boxShadow },
        };
      });
      const box = await panel(page).root.boundingBox();
      await page.close();
      return { styles, box };
    };
    const plain = await look('/article.html');
    const hostile = await look('/hostile.html');
    expect(hostile.styles.panel).toEqual(plain.styles.panel);
    expect(hostile.styles.summary).toEqual(plain.styles.summary);
    expect(hostile.styles.copy).toEqual(plain.styles.copy);
    expect(hostile.styles.length).toEqual(plain.styles.length);
    expect(hostile.styles.read).toEqual(plain.styles.read);
    expect(plain.styles.copy.display).not.toBe('none');
    expect(plain.styles.panel.position).toBe('fixed');
    expect(hostile.box).toEqual(plain.box);
    expect(plain.box!.width).toBe(420);
    expect(plain.box!.y).toBe(8); // a page summary sits in the top right corner
    for (const { styles } of [plain, hostile]) expect(styles.decoy).toEqual({ position: 'static', zIndex: 'auto', boxShadow: 'none' });
  });

  it('serves two tabs at once: both complete, queued, neither lost', async () => {
    const a = await open('/long.html');
    const b = await open('/article.html');
    await summarizeWithShortcut(hearth, a, 'page');
    await expect.poll(() => panel(a).status(), { timeout: 60_000 }).toMatch(/Reading part/);
    await summarizeWithShortcut(hearth, b, 'page');
    const [sa, sb] = await Promise.all([waitForSummary(a, 180_000), waitForSummary(b, 180_000)]);
    expect(sa).toBe(EXPECTED);
    expect(sb).toBe(EXPECTED);
    await a.close();
    await b.close();
  });
});

describe('where no content script can run', () => {
  it('opens the side panel with the reason on a chrome:// page, and summarizes pasted text there', async () => {
    const page = await hearth.context.newPage();
    await page.goto('chrome://version');
    await pressSummaryShortcut(hearth, page, 'page');
    await expect.poll(() => hearth.sw.evaluate(async () => (await chrome.storage.session.get('hearth:sidePanelSummary'))['hearth:sidePanelSummary']), { timeout: 20_000 })
      .toMatchObject({ mode: 'page', note: expect.stringMatching(/Chrome does not let extensions read this page/) });
    await expect.poll(() => hearth.sw.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).length), { timeout: 20_000 }).toBe(1);
    // The side panel's own page, opened in a tab to drive it (the panel itself is outside Playwright's reach).
    const side = await hearth.context.newPage();
    await side.goto(hearth.url('sidepanel.html'));
    await expect.poll(() => side.getByTestId('note').textContent()).toMatch(/does not let extensions read this page/);
    await side.getByTestId('paste').fill('Some text pasted by the user, to be summarized.');
    await side.getByTestId('summarize').click();
    expect(await waitForSummary(side)).toBe(EXPECTED);
    await side.close();
    await page.close();
  });

  it('falls back to the side panel when a synthetic menu click brings no activeTab grant', async () => {
    const page = await open('/article.html');
    await dispatchMenu(hearth, page, 'page');
    await expect.poll(() => hearth.sw.evaluate(async () => ((await chrome.storage.session.get('hearth:sidePanelSummary'))['hearth:sidePanelSummary'] as { note?: string } | undefined)?.note), { timeout: 20_000 })
      .toMatch(/Hearth could not read this page \(.+\), so the summary opens here\./);
    expect(await page.locator('hearth-summary').count()).toBe(0);
    await page.close();
  });
});

function countWordsLikeUs(text: string): number {
  return (text.match(/[\p{L}\p{N}\p{M}'’-]+/gu) ?? []).length;
}
