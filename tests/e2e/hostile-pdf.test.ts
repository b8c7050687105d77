import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type Route, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf, TINY_ECHO_WORDS } from '../../testkit/models/tiny-llama-gguf';
import { chooseTinyModel, pressSummaryShortcut, tabIdOf, waitForSummary } from '../../testkit/browser/summary';
import { makePdf } from '../../testkit/pdf/make-pdf';

// Issue 20, item 2: "Summarize PDF" on a link must not make Hearth the page's deputy. The page chooses the link;
// Hearth fetches only what the user's grant covers, never a host on this computer or the local network from a
// page that is not on one, follows no redirect, reads no file for a web page, and sends cookies only to the tab's
// own site. Every server here is on 127.0.0.1: "site.test" and "other.test" are mapped to it by Chromium's resolver,
// so the tab is on an ordinary-looking name while 127.0.0.1 stays a loopback address.

let hearth: Hearth;
let server: TestServer;
let port: string;
let tab: Page;
const cookies: Record<string, string | undefined> = {};

const after = (word: string) => TINY_ECHO_WORDS.slice(TINY_ECHO_WORDS.indexOf(word) + 1).map((w) => ` ${w}`).join('');
/**
 * CORS open to any origin, cookies included (a careless intranet service, or a site that wants to be read): an
 * extension page could download it with no grant at all, so only Hearth's own rules stop it.
 */
const open = (body: Uint8Array): Route => (req, res) => {
  cookies[req.url ?? ''] = req.headers.cookie;
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Content-Type', 'application/pdf');
  res.end(Buffer.from(body));
};
const site = (host: string, path: string) => `http://${host}:${port}${path}`;

beforeAll(async () => {
  const pdf = await makePdf([{ paragraphs: [['The report says the gardener planted a garnet rose by the wall.']] }]);
  server = await startServer({
    '/echo.gguf': fileRoute(makeTinyLlamaGguf({ echo: true, contextLength: 2048 })),
    '/links.html': (_req, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end('<!doctype html><title>Reports</title><p>Reports: <a href="/own.pdf">own</a></p>');
    },
    '/own.pdf': open(pdf),
    '/open.pdf': open(pdf),
    '/moved.pdf': (_req, res) => {
      res.statusCode = 302;
      res.setHeader('Location', site('other.test', '/open.pdf'));
      res.end();
    },
  });
  port = new URL(server.origin).port;
  hearth = await launchHearth({ args: ['--host-resolver-rules=MAP site.test 127.0.0.1, MAP other.test 127.0.0.1'] });
  await chooseTinyModel(hearth, `${server.origin}/echo.gguf`);
  await hearth.context.addCookies([{ name: 'session', value: 'secret', domain: 'other.test', path: '/' }, { name: 'session', value: 'mine', domain: 'site.test', path: '/' }]);
  tab = await hearth.context.newPage();
  await tab.goto(site('site.test', '/links.html'));
  // A real shortcut grants activeTab for site.test, as a real right-click on the menu item does.
  await pressSummaryShortcut(hearth, tab, 'page');
}, 120_000);
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

/** The real "Summarize PDF" listener, called as Chrome calls it for a right-click on a link the page wrote. */
async function rightClickLink(linkUrl: string): Promise<Page> {
  const tabId = await tabIdOf(hearth, tab);
  await hearth.sw.evaluate(async ([tabId, linkUrl, pageUrl]) => {
    const t = await chrome.tabs.get(tabId);
    const info = { menuItemId: 'hearth-summarize-pdf-link', editable: false, linkUrl, pageUrl, frameId: 0 };
    (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(info, t);
  }, [tabId, linkUrl, tab.url()] as const);
  const side = await hearth.context.newPage();
  await side.goto(hearth.url('sidepanel.html'));
  return side;
}
const error = (side: Page) => side.getByTestId('pdf-error').first().textContent({ timeout: 1000 }).catch(() => null);
const hostPermissions = () => hearth.sw.evaluate(async () => (await chrome.permissions.getAll()).origins ?? []);

describe('hostile pages: a PDF link does not make Hearth the page’s deputy', () => {
  it('a link into this computer (loopback) from a page that is not on one is never fetched', async () => {
    const before = server.hits.length;
    const side = await rightClickLink(`http://127.0.0.1:${port}/open.pdf`);
    await expect.poll(() => error(side), { timeout: 20_000 }).toMatch(/on this computer or your local network/);
    expect(server.hits.slice(before)).not.toContain('/open.pdf');
    await side.close();
  });

  it('another site without the user’s grant is not fetched, even when it would answer anyone', async () => {
    const before = server.hits.length;
    const side = await rightClickLink(site('other.test', '/open.pdf'));
    await expect.poll(() => error(side), { timeout: 20_000 }).toMatch(/no permission to read files from other\.test/);
    expect(await side.getByTestId('pdf-allow').textContent()).toMatch(/other\.test/);
    expect(server.hits.slice(before)).not.toContain('/open.pdf');
    expect(await hostPermissions()).toEqual([]);
    await side.close();
  });

  it('a redirect on the tab’s own site to another site is not followed', async () => {
    const before = server.hits.length;
    const side = await rightClickLink(site('site.test', '/moved.pdf'));
    await expect.poll(() => error(side), { timeout: 20_000 }).toMatch(/on to another address/);
    expect(server.hits.slice(before)).toContain('/moved.pdf');
    expect(server.hits.slice(before)).not.toContain('/open.pdf');
    await side.close();
  });

  it('a web page’s link to a file on this computer is refused', async () => {
    const side = await rightClickLink('file:///etc/hearth-test.pdf');
    await expect.poll(() => error(side), { timeout: 20_000 }).toMatch(/A web page cannot hand Hearth a file/);
    await side.close();
  });

  it('the tab’s own site is read, with the user’s cookies for that site only, and no site permission is left behind', async () => {
    const side = await rightClickLink(site('site.test', '/own.pdf'));
    expect(await waitForSummary(side, 120_000)).toBe(after('garnet'));
    expect(cookies['/own.pdf']).toBe('session=mine');
    expect(await hostPermissions()).toEqual([]);
    await side.close();
  });
});
