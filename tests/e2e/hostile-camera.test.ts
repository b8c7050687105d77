import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { openPopup, command } from '../../testkit/browser/popup';
import { fakeCameraArgs, poseY4m } from '../../testkit/pose/pose-video';
import { framesDrawn, openOverlay } from '../../testkit/browser/pose-overlay';
import { inputThatCloses } from '../../testkit/browser/input-no-ack';

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
