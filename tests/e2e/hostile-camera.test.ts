import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { openPopup, command } from '../../testkit/browser/popup';
import { fakeCameraArgs, poseY4m } from '../../testkit/pose/pose-video';
import { framesDrawn, openOverlay } from '../../testkit/browser/pose-overlay';
import { inputThatCloses } from '../../testkit/browser/input-no-ack';
import { PORTS } from '../../lib/messaging/protocol-values';

// Issue 20, item 3: the page cannot keep the camera on once the user turns the overlay off, and cannot hide the
// overlay while the camera runs. Page listeners on window run before any of Hearth's in the page (NOTES.md §10).

let hearth: Hearth;
let server: TestServer;
let popup: Page;

const PAGE = '<!doctype html><title>Greedy page</title><main><p>A page that wants the camera to stay on.</p></main>';

beforeAll(async () => {
  server = await startServer({ '/page.html': fileRoute(PAGE, 'text/html; charset=utf-8') });
  hearth = await launchHearth({ args: fakeCameraArgs(poseY4m(60)) });
  popup = await openPopup(hearth);
}, 60_000);
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

const isView = (f: Frame) => f.url().endsWith('/pose-view.html');
const cameraOn = async () => (await command<{ active: boolean }>(popup, 'host', 'pose.status')).active;

/** A page that swallows every message, click and key event before anything of Hearth's in the page can see it. */
async function greedyPage(): Promise<Page> {
  const page = await hearth.context.newPage();
  await page.goto(`${server.origin}/page.html`);
  await page.evaluate(() => {
    for (const type of ['message', 'click', 'pointerdown', 'pointerup', 'mousedown', 'mouseup', 'keydown', 'keyup']) {
      window.addEventListener(type, (e) => e.stopImmediatePropagation(), true);
    }
  });
  return page;
}
async function liveOverlay(page: Page): Promise<Frame> {
  const view = await openOverlay(hearth, page);
  await expect.poll(() => framesDrawn(view), { timeout: 90_000 }).toBeGreaterThan(2);
  expect(await cameraOn()).toBe(true);
  return view;
}

describe('hostile pages: the camera is the user’s to turn off, and stays in sight while on', () => {
  it('Turn off, × and Esc in the overlay stop the camera even when the page swallows every event', async () => {
    const page = await greedyPage();
    for (const how of ['Turn off', '×', 'Escape'] as const) {
      const view = await liveOverlay(page);
      // Real input at the browser level, not waiting on a frame that goes away under it (input-no-ack.ts).
      const input = await inputThatCloses(page);
      if (how === 'Escape') {
        await view.locator('body').focus();
        input.escape();
      } else {
        const box = (await view.getByRole('button', { name: how === '×' ? 'Turn the pose overlay off' : 'Turn off', exact: true }).boundingBox())!;
        input.click(box.x + box.width / 2, box.y + box.height / 2);
      }
      await expect.poll(cameraOn, { timeout: 20_000, message: how }).toBe(false);
      await expect.poll(() => page.frames().filter(isView).length, { timeout: 20_000, message: how }).toBe(0);
    }
    await page.close();
  });

  it('the page cannot move the overlay out of sight: Hearth puts it back', async () => {
    const page = await greedyPage();
    const view = await liveOverlay(page);
    await page.evaluate(() => {
      const host = document.querySelector('hearth-pose-overlay') as HTMLElement;
      host.setAttribute('style', 'left: -5000px !important; top: -5000px !important; right: auto !important; bottom: auto !important');
    });
    const box = async () => (await (await view.frameElement()).boundingBox())!;
    const viewport = page.viewportSize()!;
    await expect.poll(async () => {
      const b = await box();
      return b.x >= 0 && b.y >= 0 && b.x + b.width <= viewport.width && b.y + b.height <= viewport.height;
    }, { timeout: 10_000 }).toBe(true);
    const drawn = await framesDrawn(view);
    await expect.poll(() => framesDrawn(view), { timeout: 30_000 }).toBeGreaterThan(drawn + 2);
    await page.close();
    await expect.poll(cameraOn, { timeout: 20_000 }).toBe(false);
  });

  it('the page cannot cover the overlay and keep the camera running behind it: the camera goes off', async () => {
    const page = await greedyPage();
    const view = await liveOverlay(page);
    await page.evaluate(() => {
      const cover = document.createElement('div');
      cover.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:#fff';
      cover.textContent = 'Nothing to see here.';
      document.documentElement.append(cover);
    });
    await expect.poll(cameraOn, { timeout: 20_000 }).toBe(false);
    expect(await view.getByTestId('pose-off').textContent()).toMatch(/hidden/);
    await page.close();
  });
});

// Issue 20, Low: the camera view is an extension page framed inside a site. Whoever gets to run script in it (a
// page that framed it, a bug in it) must get the camera's commands and no more: not the chat, models or settings.
describe('hostile pages: a framed camera view has only the camera’s rights', () => {
  /** A command sent from the view's own frame, as its code would send it. */
  const fromView = (view: Frame, to: 'host' | 'background', name: string, payload?: unknown) =>
    view.evaluate(([to, name, payload]) => chrome.runtime.sendMessage({ hearth: 1, to, name, payload }), [to, name, payload] as const) as Promise<
      { ok: true } | { ok: false; error: { code: string; message: string } }
    >;

  it('the view may ask about the camera, and is refused the chat, the models, settings, history and the model itself', async () => {
    const page = await greedyPage();
    const view = await openOverlay(hearth, page);
    expect(await fromView(view, 'host', 'pose.status')).toMatchObject({ ok: true });
    const refused = [
      await fromView(view, 'host', 'llm.status'),
      await fromView(view, 'host', 'models.list'),
      await fromView(view, 'host', 'llm.unload'),
      await fromView(view, 'background', 'settings.save'),
      await fromView(view, 'background', 'summary.record'),
    ];
    for (const answer of refused) expect(answer).toMatchObject({ ok: false, error: { code: 'sender-refused' } });
    // The model's own port: the view is turned away before any request is read.
    const generated = await view.evaluate((name) => new Promise<unknown>((resolve) => {
      const port = chrome.runtime.connect({ name });
      port.onMessage.addListener(resolve);
      port.postMessage({ type: 'start', request: { input: { kind: 'completion', prompt: 'Hello' }, maxTokens: 4 } });
    }), PORTS.generate);
    expect(generated).toMatchObject({ type: 'error', error: { code: 'sender-refused' } });
    await page.close();
    await expect.poll(cameraOn, { timeout: 20_000 }).toBe(false);
  });
});

