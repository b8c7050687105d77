import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { summarizeWithShortcut } from '../../testkit/browser/summary';
import { openChatWindow } from '../../testkit/browser/ask';
import { openOverlay } from '../../testkit/browser/pose-overlay';
import { pressShortcut } from '../../testkit/browser/shortcut';
import { fakeCameraArgs, poseY4m } from '../../testkit/pose/pose-video';

// Issue 20, item 1: a page learns nothing from Hearth's injected scripts (not Hearth's id, not the moment it reads),
// and nothing the page can send ends Hearth's summary panel.

let hearth: Hearth;
let server: TestServer;
const PAGE = `<!doctype html><title>Listening page</title><main><h1>Listening page</h1>
  <p>The page records every message and event it can hear while Hearth works on it, to learn when Hearth reads.</p>
  <p>A second paragraph, so that the reader has an article to find and something to count.</p></main>`;

beforeAll(async () => {
  server = await startServer({ '/page.html': fileRoute(PAGE, 'text/html; charset=utf-8') });
  hearth = await launchHearth({ args: fakeCameraArgs(poseY4m(30)) });
}, 60_000);
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

/** Script names a page could guess (WXT's entrypoint names, old and new). */
const NAMES = ['ask', 'summary', 'read-page', 'pose-overlay', 'page-ask', 'page-summary', 'page-read', 'page-pose-overlay'];

/**
 * The page listens the way a hostile one would: every window message, every mutation, and (knowing Hearth's id,
 * which a store listing makes public) the events WXT's content-script context dispatches on the document.
 */
async function listeningPage(): Promise<Page> {
  const page = await hearth.context.newPage();
  await page.goto(`${server.origin}/page.html`);
  await page.evaluate(
    ([id, names]) => {
      const heard: string[] = ((window as unknown as { heard: string[] }).heard = []);
      window.addEventListener('message', (e) => heard.push(`message ${JSON.stringify(e.data)}`), true);
      for (const name of names) {
        for (const event of ['wxt:content-script-started', 'wxt:locationchange']) {
          document.addEventListener(`${id}:${name}:${event}`, (e) => heard.push(`event ${e.type}`), true);
          window.addEventListener(`${id}:${name}:${event}`, (e) => heard.push(`event ${e.type}`), true);
        }
      }
    },
    [hearth.extensionId, NAMES] as const,
  );
  return page;
}
/** What the page heard, after a message of its own has gone round (so every earlier one has arrived). */
const heard = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const mark = `mark-${Math.random()}`;
        const done = (e: MessageEvent) => {
          if (e.data !== mark) return;
          window.removeEventListener('message', done);
          resolve((window as unknown as { heard: string[] }).heard.filter((h) => !h.includes('"mark-')));
        };
        window.addEventListener('message', done);
        window.postMessage(mark, '*');
      }),
  );

describe('hostile pages: Hearth is silent and its panel is its own', () => {
  it('summary, Ask, the page reader and the pose overlay tell the page nothing when they are injected', async () => {
    const page = await listeningPage();
    await summarizeWithShortcut(hearth, page, 'page');
    expect(await heard(page)).toEqual([]);

    // Ask about this page, from the chat in a window of its own: reading the tab adds nothing to it.
    await page.evaluate(() => {
      const w = window as unknown as { mutations: number };
      w.mutations = 0;
      new MutationObserver((list) => (w.mutations += list.filter((m) => !(m.target as Element).closest?.('hearth-summary')).length)).observe(document.body, {
        subtree: true, childList: true, attributes: true, characterData: true,
      });
    });
    const chat = await openChatWindow(hearth);
    await chat.getByRole('button', { name: 'Ask about this page' }).click();
    await expect.poll(() => chat.locator('[data-testid=ask-source]').first().textContent(), { timeout: 20_000 }).toMatch(/^This page · \d+ words/);
    expect(await page.evaluate(() => (window as unknown as { mutations: number }).mutations)).toBe(0);
    expect(await heard(page)).toEqual([]);

    // The side panel's "Summarize this page" reader (the file it injects, run from an extension page).
    const tabId = await hearth.sw.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)!.id!, page.url());
    const read = await chat.evaluate(async (id) => {
      // Its file, wherever the build puts it (older builds: content-scripts/read-page.js).
      for (const file of ['/page-read.js', '/content-scripts/read-page.js']) {
        const out = await chrome.scripting.executeScript({ target: { tabId: id }, files: [file] }).catch(() => null);
        if (out) return (out[0]?.result as { title?: string } | undefined)?.title;
      }
      return null;
    }, tabId);
    expect(read).toBe('Listening page');
    expect(await heard(page)).toEqual([]);
    await chat.close();

    await openOverlay(hearth, page);
    expect(await heard(page)).toEqual([]);
    await pressShortcut(hearth.context, page, 'Alt+Shift+O');
    await expect.poll(() => page.frames().filter((f) => f.url().endsWith('/pose-view.html')).length, { timeout: 20_000 }).toBe(0);
    expect(await heard(page)).toEqual([]);
    await page.close();
  });

  it('the page cannot close the summary panel with the events and messages Hearth’s scripts used', async () => {
    const page = await listeningPage();
    await summarizeWithShortcut(hearth, page, 'page');
    await page.evaluate(
      ([id, names]) => {
        for (const contentScriptName of names) {
          const type = `${id}:${contentScriptName}:wxt:content-script-started`;
          const detail = { contentScriptName, messageId: 'page' };
          document.dispatchEvent(new CustomEvent(type, { detail }));
          window.dispatchEvent(new CustomEvent(type, { detail }));
          window.postMessage({ type, contentScriptName, messageId: 'page' }, '*');
        }
      },
      [hearth.extensionId, NAMES] as const,
    );
    await heard(page); // every message above has been delivered
    expect(await page.locator('hearth-summary').count()).toBe(1);
    // A second request replaces the panel (Hearth closes its own old one), as before.
    await summarizeWithShortcut(hearth, page, 'page');
    expect(await page.locator('hearth-summary').count()).toBe(1);
    await page.close();
  });
});
