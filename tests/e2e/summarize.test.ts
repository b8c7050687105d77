import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../helpers/launch';
import { fileRoute, startServer, type TestServer } from '../helpers/server';
import { makeTinyLlamaGguf } from '../helpers/make-tiny-llama-gguf.mjs';
import { tinyGreedyContinuation } from '../helpers/tiny-expected';
import { chooseTinyModel, dispatchMenu, panel, selectText, summarizeWithShortcut, waitForSummary } from '../helpers/summary';
import { articlePage, FRAME_TEXT, frameInnerPage, framePage, hostilePage, longPage, XSS_TEXT, xssPage, ARTICLE_PARAGRAPHS } from '../helpers/summary-pages';
import { buildPartMessages, buildSummaryMessages, buildCombineMessages } from '../../lib/summarize/prompt';

let hearth: Hearth;
let server: TestServer;

const html = (body: () => string) => fileRoute(body(), 'text/html; charset=utf-8');

beforeAll(async () => {
  server = await startServer({
    '/tiny.gguf': fileRoute(makeTinyLlamaGguf({ contextLength: 2048 })),
    '/article.html': html(articlePage),
    '/xss.html': html(xssPage),
    '/frame.html': html(framePage),
    '/frame-inner.html': html(frameInnerPage),
    '/hostile.html': html(hostilePage),
    '/long.html': html(() => longPage(30_000)),
    '/huge.html': html(() => longPage(2.2 * 1024 * 1024)),
  });
  hearth = await launchHearth();
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
    await panel(page).root.waitFor({ timeout: 20_000 });
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
      const root = document.querySelector('hearth-summary')!.shadowRoot!;
      const out = root.querySelector('[data-testid=summary]')!;
      new MutationObserver(() => seen.push(out.textContent ?? '')).observe(out, { childList: true, characterData: true, subtree: true });
    });
    expect(await waitForSummary(page)).toBe(EXPECTED);
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(new Set(seen).size).toBeGreaterThan(3); // streamed, not delivered in one piece
    const words = ARTICLE_PARAGRAPHS.join(' ').split(/\s+/).length; // Readability keeps the article's paragraphs only
    expect(await panel(page).read()).toBe(`Page · ${words} words`);
    expect(await panel(page).status()).toBe(`Read all ${words} words.`);
    const preview = await page.getByTestId('preview').textContent();
    expect(preview).toMatch(/^The river Loire is the longest river in France\./);
    expect(preview).not.toMatch(/newsletter|Advertisement|Copyright/);
    await page.close();
  });
});
