import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { openPopup } from '../../testkit/browser/popup';
import { fakeCameraArgs, poseY4m } from '../../testkit/pose/pose-video';
import { framesDrawn, openOverlay } from '../../testkit/browser/pose-overlay';
import { fileRoute, startServer } from '../../testkit/browser/server';

let hearth: Hearth | undefined;
afterEach(async () => {
  await hearth?.close();
  hearth = undefined;
});

/** Start pose from an extension page as the overlay does; resolve with the first 'ready' and 'error', or a pose. */
function startPose(page: Page, backend: string) {
  return page.evaluate(
    (backend) =>
      new Promise<{ ready?: { backend: { backend: string; reason: string } }; error?: string; posed?: boolean }>((resolve) => {
        const port = chrome.runtime.connect({ name: 'hearth:pose' });
        let ready: { backend: { backend: string; reason: string } } | undefined;
        port.onMessage.addListener((m) => {
          if (m.type === 'ready') ready = m;
          if (m.type === 'error') resolve({ ready, error: m.error.message });
          if (m.type === 'poses') {
            port.disconnect();
            resolve({ ready, posed: true });
          }
        });
        port.postMessage({ type: 'start', settings: { model: 'lightning', backend } });
      }),
    backend,
  );
}

describe('pose faults', () => {
  it('a backend that fails to start (webgpu without an adapter) falls back to the next real one, and says so', async () => {
    hearth = await launchHearth({ args: fakeCameraArgs(poseY4m(60)) });
    const page = await openPopup(hearth);
    const r = await startPose(page, 'webgpu');
    expect(r.error).toBeUndefined();
    expect(r.posed).toBe(true);
    // Not to webgl: here it is only SwiftShader, so the next backend this device really has is wasm.
    expect(r.ready?.backend.backend).toBe('wasm');
    expect(r.ready?.backend.reason).toMatch(/^webgpu failed \(.+\); fell back to wasm$/);
  });

  it('camera permission denied: a clear message, no hang', async () => {
    hearth = await launchHearth({ args: ['--use-fake-device-for-media-stream'] }); // no fake UI: the prompt is refused
    const page = await openPopup(hearth);
    const r = await startPose(page, 'auto');
    expect(r.error).toMatch(/Hearth may not use the camera/);

    // The permission page says so too, and offers to ask again.
    const ask = await hearth.context.newPage();
    await ask.goto(hearth.url('camera.html'));
    await expect.poll(() => ask.getByTestId('camera-permission').getAttribute('data-phase'), { timeout: 20_000 }).toBe('failed');
    expect(await ask.getByRole('alert').textContent()).toMatch(/may not use the camera/);
    expect(await ask.locator('body').innerText()).not.toMatch(/camera page/); // it is the camera page
    expect(await ask.getByRole('button', { name: 'Ask again' }).isVisible()).toBe(true);
    await ask.close();

    // The overlay on a page: a clear message and a way to the permission page, not a blank panel.
    const server = await startServer({ '/page.html': fileRoute('<!doctype html><title>Page</title><h1>A page</h1>', 'text/html') });
    const web = await hearth.context.newPage();
    await web.goto(`${server.origin}/page.html`);
    const view = await openOverlay(hearth, web);
    await expect.poll(() => view.getByRole('alert').textContent().catch(() => ''), { timeout: 15_000 }).toMatch(/may not use the camera/);
    expect(await view.getByTestId('camera-on').count()).toBe(0);
    // Only the explanation and the way out: no black picture, no settings or figures that cannot do anything.
    expect(await view.getByRole('heading', { name: 'Camera blocked' }).isVisible()).toBe(true);
    expect(await view.getByText(/Open Hearth’s camera page and choose Allow/).isVisible()).toBe(true);
    expect(await view.locator('video').isVisible()).toBe(false);
    expect(await view.getByRole('button', { name: 'Settings' }).count()).toBe(0);
    expect(await view.locator('select').count()).toBe(0);
    expect(await view.getByRole('button').allTextContents()).toEqual(['Allow the camera', 'Try again', 'Turn off']);
    const opened = hearth.context.waitForEvent('page');
    await view.getByRole('button', { name: 'Allow the camera' }).click();
    expect((await opened).url()).toBe(hearth.url('camera.html'));
    await server.close();
  });

  it('with the camera allowed, the permission page says so', async () => {
    hearth = await launchHearth({ args: fakeCameraArgs(poseY4m(60)) });
    const ask = await hearth.context.newPage();
    await ask.goto(hearth.url('camera.html'));
    await expect.poll(() => ask.getByTestId('camera-permission').getAttribute('data-phase'), { timeout: 20_000 }).toBe('granted');
  });

  it('no camera at all: a clear message from the host and in the overlay', async () => {
    hearth = await launchHearth({ args: ['--use-fake-ui-for-media-stream'] }); // allowed, but this machine has no camera
    const page = await openPopup(hearth);
    const r = await startPose(page, 'auto');
    expect(r.error).toBe('No camera was found. Connect one and try again.');
    const server = await startServer({ '/page.html': fileRoute('<!doctype html><title>Page</title><h1>A page</h1>', 'text/html') });
    const web = await hearth.context.newPage();
    await web.goto(`${server.origin}/page.html`);
    const view = await openOverlay(hearth, web);
    await expect.poll(() => view.getByRole('alert').textContent().catch(() => ''), { timeout: 15_000 }).toBe('No camera was found. Connect one and try again.');
    expect(await view.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    await server.close();
  });

  it('the model host closed while tracking: the overlay says so at once, and Try again brings the skeleton back', async () => {
    hearth = await launchHearth({ args: fakeCameraArgs(poseY4m(60)) });
    const server = await startServer({ '/page.html': fileRoute('<!doctype html><title>Page</title><h1>A page</h1>', 'text/html') });
    const web = await hearth.context.newPage();
    await web.goto(`${server.origin}/page.html`);
    const view = await openOverlay(hearth, web);
    await expect.poll(() => framesDrawn(view), { timeout: 90_000 }).toBeGreaterThan(3);
    await hearth.sw.evaluate(() => chrome.offscreen.closeDocument());
    await expect.poll(() => view.getByRole('alert').textContent().catch(() => ''), { timeout: 10_000 }).toBe(
      'Pose tracking stopped unexpectedly. Try again to restart it.',
    );
    expect(await view.getByTestId('pose-readout').count()).toBe(0); // no stale FPS left on screen
    const before = await framesDrawn(view);
    await view.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => framesDrawn(view), { timeout: 90_000 }).toBeGreaterThan(before + 3);
    expect(await view.getByRole('alert').count()).toBe(0);
    await server.close();
  });
});
