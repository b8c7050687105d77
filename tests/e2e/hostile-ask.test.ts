import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { htmlDoc, useEchoHearth } from '../../testkit/browser/echo-hearth';
import { grantTab, highlighted, openChatWindow } from '../../testkit/browser/ask';
import { lastAnswer } from '../../testkit/browser/popup';

// Issue 20, Low: a citation under an answer highlights its passage only in the page it was read from, in this browser
// session; and what the page can see of that highlight is its own text (docs/ARCHITECTURE.md "Trust").
const PASSAGE = 'Later that summer she added a garnet coloured rose to the bed, and it flowered until the first frost.';
const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} on the rose beds: the paths are of gravel, laid by hand over many seasons.</p>`).join('');
const ROSES = htmlDoc('The rose beds', `<article><h1>The rose beds</h1>${filler(12)}<p id="garnet">${PASSAGE}</p><p id="other">The gate is painted green.</p></article>`);
const QUESTION = 'Which zinnia question did the visitor ask?';

const env = useEchoHearth({ '/roses.html': ROSES });
let page: Page;
let chat: Page;

beforeEach(async () => {
  page = await env.hearth.context.newPage();
  await page.goto(`${env.server.origin}/roses.html`);
  await grantTab(env.hearth, page);
  await page.evaluate(() => document.querySelector('hearth-summary')?.remove()); // the panel left by grantTab
  chat = await openChatWindow(env.hearth);
  await chat.getByRole('button', { name: 'New chat' }).click();
  await chat.getByRole('button', { name: 'Ask about this page' }).click();
  await expect.poll(() => chat.locator('[data-testid=ask-source]').count()).toBe(1);
  await chat.fill('#prompt', QUESTION);
  await chat.locator('#prompt').press('Enter');
  await expect.poll(() => lastAnswer(chat).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
}, 120_000);
afterEach(async () => {
  for (const p of [chat, page]) await p?.close();
});

const squeeze = (s: string) => s.replace(/\s+/g, '');
const citation = () => chat.locator('[data-testid=ask-source-item]', { hasText: 'garnet' });
const note = () => citation().locator('[data-testid=ask-source-note]');

describe('hostile pages: a citation is shown only where it was read', () => {
  it('when the tab shows another page now (same site, same words), the citation says so and highlights nothing', async () => {
    // A single-page app moves on without a reload to another page that quotes the article whole (a list of articles):
    // Hearth may still reach the tab, and the passage's words are there to be found without the check.
    await page.evaluate(() => {
      history.pushState({}, '', '/articles');
      document.body.innerHTML = `<h1>All articles</h1><section>${document.querySelector('article')!.outerHTML}</section><p>Other news.</p>`;
    });
    await citation().getByRole('button').click();
    await expect.poll(() => note().textContent()).toMatch(/^The tab shows another page now/);
    expect(await highlighted(page)).toBeNull();
  });

  it('a citation kept from an earlier browser session is refused, not looked for in whatever tab has its id now', async () => {
    // What a restart does to storage.session (the session id is gone); the chat opens again on its last conversation.
    await env.hearth.sw.evaluate(() => chrome.storage.session.clear());
    await chat.reload();
    await citation().waitFor({ timeout: 20_000 });
    await citation().getByRole('button').click();
    await expect.poll(() => note().textContent()).toMatch(/before the browser was last restarted/);
    expect(await highlighted(page)).toBeNull();
  });

  it('what the page can see of the highlight is its own text, and a page that moves it cannot keep it moved', async () => {
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    await citation().getByRole('button').click();
    await expect.poll(() => highlighted(page)).toContain(PASSAGE);
    const shown = (await highlighted(page))!;
    // Everything the page's own scripts can reach: the highlight registry, the document, its adopted style sheets.
    const seen = await page.evaluate(() => ({
      names: [...CSS.highlights.keys()],
      ranges: [...CSS.highlights.values()].flatMap((h) => [...h].map((r) => (r as Range).toString())),
      html: document.documentElement.outerHTML,
      sheets: document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)),
    }));
    expect(seen.names).toEqual(['hearth-ask']);
    expect(seen.ranges).toEqual([shown]);
    expect(squeeze(await page.evaluate(() => document.body.textContent!))).toContain(squeeze(shown)); // the page's own words
    expect(seen.html).toBe(before); // no element, attribute or text of Hearth's
    expect(seen.sheets).toHaveLength(1);
    expect(seen.sheets[0]).toMatch(/^::highlight\(hearth-ask\) \{ background-color: [^;]+; color: [^;]+; \}$/);
    expect(JSON.stringify(seen)).not.toMatch(/zinnia|visitor/); // nothing of the question (or the answer)

    // The page puts the highlight on other words; the next click puts it back on the passage, and Clear clears it.
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('other')!);
      CSS.highlights.set('hearth-ask', new Highlight(range));
    });
    expect(await highlighted(page)).toBe('The gate is painted green.');
    await citation().getByRole('button').click();
    await expect.poll(() => highlighted(page)).toBe(shown);
    await chat.getByRole('button', { name: 'Clear highlight' }).click();
    await expect.poll(() => highlighted(page)).toBeNull();
  });
});
