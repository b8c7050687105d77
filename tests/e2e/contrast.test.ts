import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';
import { chooseTinyModel, evaluateInPanel } from '../../testkit/browser/summary';
import { fakeCameraArgs, poseY4m } from '../../testkit/pose/pose-video';
import { showView } from '../../testkit/browser/popup';
import { auditContrast, type ContrastAudit } from '../../testkit/browser/contrast';
import { pageWithOverlay, pageWithRefusal, pageWithSummary, popupWithAnswer, sidePanelWithSummary, viewsPage, type Scheme } from '../../testkit/browser/views';

// WCAG AA for Hearth's main views in both colour schemes: every visible text against what is behind it, every
// control's boundary against what is around it (testkit/browser/contrast.ts). A failure lists the offenders.

let hearth: Hearth;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    '/echo.gguf': fileRoute(makeTinyLlamaGguf({ echo: true, contextLength: 2048 })),
    '/article.html': fileRoute(viewsPage('light'), 'text/html; charset=utf-8'),
    '/dark-site.html': fileRoute(viewsPage('site-dark'), 'text/html; charset=utf-8'),
    '/light-site.html': fileRoute(viewsPage('light').replace('<body>', '<body style="background:#fdfbf7">'), 'text/html; charset=utf-8'),
  });
  hearth = await launchHearth({ args: fakeCameraArgs(poseY4m(0)) });
  await chooseTinyModel(hearth, `${server.origin}/echo.gguf`);
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

// The audit runs in the page, on its document (or, for the panel, on its closed shadow root).
const auditDoc = (target: Page | Frame) => target.evaluate(`(${auditContrast.toString()})(document)`) as Promise<ContrastAudit>;
const auditPanel = (page: Page) => evaluateInPanel(page, auditContrast);

function expectReadable(view: string, result: ContrastAudit) {
  const list = result.offenders.map((o) => `${o.kind} ${o.what}: ${o.ratio}:1, needs ${o.needs}:1`);
  console.log(`contrast ${view}: ${result.checkedText} texts, ${result.checkedControls} control boundaries, ${list.length} below AA`);
  expect(result.checkedText).toBeGreaterThanOrEqual(3); // it did look at something (a failure panel: title, ×, message)
  expect(list, `${view}: below WCAG AA`).toEqual([]);
}

describe.each<Scheme>(['light', 'dark'])('WCAG AA contrast, %s theme', (scheme) => {
  // A page in the same scheme: the in-page panel follows the page (a white page keeps it light on a dark OS).
  const site = () => `${server.origin}/${scheme === 'dark' ? 'dark-site' : 'article'}.html`;
  it('the popup: chat with an answer, Models, Settings', async () => {
    const page = await popupWithAnswer(hearth, scheme);
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
    expectReadable(`popup chat (${scheme})`, await auditDoc(page));
    await showView(page, 'Models');
    expectReadable(`popup models (${scheme})`, await auditDoc(page));
    await showView(page, 'Settings');
    expectReadable(`popup settings (${scheme})`, await auditDoc(page));
    await page.close();
  });

  it('the side panel with a summary', async () => {
    const page = await sidePanelWithSummary(hearth, scheme);
    expectReadable(`side panel summary (${scheme})`, await auditDoc(page));
    await page.close();
  });

  it('the summary panel on a page, with a summary and with a failure', async () => {
    const page = await pageWithSummary(hearth, site(), scheme);
    expect(await evaluateInPanel(page, (root) => root.querySelector('[data-testid=panel]')!.getAttribute('data-theme'))).toBe(scheme);
    expectReadable(`summary panel (${scheme})`, await auditPanel(page));
    await page.close();
    const failed = await pageWithRefusal(hearth, site(), scheme);
    expectReadable(`summary panel, failure (${scheme})`, await auditPanel(failed));
    await failed.close();
  });

  it('the pose overlay', async () => {
    const { page, view } = await pageWithOverlay(hearth, site(), scheme);
    expect(await view.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
    expectReadable(`pose overlay (${scheme})`, await auditDoc(view));
    await page.close();
  });
});

describe('the summary panel follows the page, not only the OS', () => {
  const panelLook = (page: Page) =>
    evaluateInPanel(page, (root) => {
      const panel = root.querySelector('[data-testid=panel]')!;
      const bg = getComputedStyle(panel).backgroundColor.match(/\d+/g)!.map(Number);
      return { theme: panel.getAttribute('data-theme'), dark: bg[0]! + bg[1]! + bg[2]! < 3 * 128 };
    });

  it('a dark site on a light OS gets a dark panel, readable', async () => {
    const page = await pageWithSummary(hearth, `${server.origin}/dark-site.html`, 'light');
    expect(await panelLook(page)).toEqual({ theme: 'dark', dark: true });
    expectReadable('summary panel, dark site, light OS', await auditPanel(page));
    await page.close();
  });

  it('a page with no colours of its own is drawn white, and a light site stays light: on a dark OS both get a light panel', async () => {
    const plain = await pageWithSummary(hearth, `${server.origin}/article.html`, 'dark');
    expect(await panelLook(plain)).toEqual({ theme: 'light', dark: false });
    await plain.close();
    const light = await pageWithSummary(hearth, `${server.origin}/light-site.html`, 'dark');
    expect(await panelLook(light)).toEqual({ theme: 'light', dark: false });
    expectReadable('summary panel, light site, dark OS', await auditPanel(light));
    await light.close();
  });
});
