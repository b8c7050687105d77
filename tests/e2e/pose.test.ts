import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchHearth, type Hearth } from '../helpers/launch';
import { openPopup, sendFromPage } from '../helpers/popup';
import { fakeCameraArgs, keypointErrors, POSE_EXPECTED, poseY4m } from '../helpers/pose-video';
import type { Page } from 'playwright-core';

const FRAME = 60; // the camera shows this frame of pose_1.mp4, so the expected keypoints are known exactly

let hearth: Hearth;
beforeAll(async () => {
  hearth = await launchHearth({ args: fakeCameraArgs(poseY4m(FRAME)) });
});
afterAll(async () => {
  await hearth?.close();
});

/** Open a pose port from an extension page, as the overlay does, and collect what the host sends. */
function collectPoses(page: Page, count: number, settings = { model: 'lightning', backend: 'auto' }) {
  return page.evaluate(
    ([count, settings]) =>
      new Promise<{ ready: unknown; poses: Array<{ poses: { name: string; x: number; y: number; score: number }[][]; fps: number; dropped: number; inferenceMs: number; capturedAt: number }>; error?: string }>((resolve) => {
        const port = chrome.runtime.connect({ name: 'hearth:pose' });
        const poses: unknown[] = [];
        let ready: unknown = null;
        port.onMessage.addListener((m) => {
          if (m.type === 'ready') ready = m;
          if (m.type === 'error') resolve({ ready, poses: poses as never, error: m.error.message });
          if (m.type === 'poses') {
            poses.push(m);
            if (poses.length >= count) {
              port.disconnect();
              resolve({ ready, poses: poses as never });
            }
          }
        });
        port.postMessage({ type: 'start', settings });
      }),
    [count, settings] as const,
  );
}

describe('pose in the offscreen host', () => {
  it('finds the keypoints of the camera picture within the reference tolerance, on the fastest real backend', async () => {
    const page = await openPopup(hearth);
    const result = await collectPoses(page, 10);
    expect(result.error).toBeUndefined();
    const ready = result.ready as { backend: { backend: string; reason: string; skipped: Record<string, string> }; width: number; height: number };
    expect(ready.backend.backend).toBe('wasm');
    expect(ready.backend.skipped.webgl).toMatch(/software renderer/);
    expect([ready.width, ready.height]).toEqual([576, 576]);
    const errors = result.poses.flatMap((p) => keypointErrors(p.poses[0]!, POSE_EXPECTED[FRAME]!));
    expect(errors.length).toBe(10 * 34);
    expect(Math.max(...errors)).toBeLessThan(60);
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    console.log(`pose: mean keypoint error ${mean.toFixed(2)} px over ${errors.length} coordinates; ${result.poses.at(-1)!.fps} FPS; ${ready.backend.reason}`);
    expect(mean).toBeLessThan(15);
    await page.close();
  });

  it('releases the camera when the last overlay leaves, and holds no more tensors after 100 frames', async () => {
    const page = await openPopup(hearth);
    await collectPoses(page, 5);
    const status = async () => {
      const r = await sendFromPage<{ active: boolean; numTensors: number }>(page, 'host', 'pose.status');
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    await expect.poll(async () => (await status()).active).toBe(false);
    const before = (await status()).numTensors;
    await collectPoses(page, 100);
    await expect.poll(async () => (await status()).active).toBe(false);
    expect((await status()).numTensors).toBe(before);
    await page.close();
  });
});

describe('pose overlay on a page', () => {
  it('appears on the real shortcut, draws the skeleton where the keypoints are, and goes away on the next', async () => {
    const { startServer, fileRoute } = await import('../helpers/server');
    const { pressShortcut } = await import('../helpers/shortcut');
    const server = await startServer({ '/page.html': fileRoute('<!doctype html><title>Page</title><style>*{color:red!important;border:3px solid blue!important}</style><h1>A page</h1>', 'text/html') });
    const page = await hearth.context.newPage();
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.goto(`${server.origin}/page.html`);
    await pressShortcut(hearth.context, page, 'Alt+Shift+O');
    await page.locator('hearth-pose-overlay').waitFor({ timeout: 10_000 });
    // The overlay's shadow root is closed (the page cannot reach in); the test reaches the view's frame directly.
    await expect.poll(() => page.frames().some((f) => f.url().endsWith('/pose-view.html')), { timeout: 10_000 }).toBe(true);
    const view = page.frames().find((f) => f.url().endsWith('/pose-view.html'))!;
    await expect.poll(() => view.getByTestId('pose-readout').textContent().catch(() => ''), { timeout: 30_000 }).toMatch(/\d+ FPS · wasm · \d+ ms behind the camera/);
    // The skeleton is drawn: skeleton-green pixels on the canvas near the expected keypoints (mirrored view).
    const pixels = await view.evaluate((expected) => {
      const c = document.querySelector('canvas')!;
      const ctx = c.getContext('2d')!;
      const near = (x: number, y: number) => {
        const d = ctx.getImageData(Math.round(x) - 6, Math.round(y) - 6, 13, 13).data;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 0) return true;
        return false;
      };
      return Object.values(expected).filter((k) => near(k.x, k.y)).length;
    }, POSE_EXPECTED[FRAME]!);
    expect(pixels).toBeGreaterThanOrEqual(12); // of 17 keypoints; a few may fall under the score threshold
    const shot = await page.locator('hearth-pose-overlay').screenshot();
    expect(shot.length).toBeGreaterThan(1000);
    await pressShortcut(hearth.context, page, 'Alt+Shift+O');
    await expect.poll(() => page.locator('hearth-pose-overlay').count()).toBe(0);
    const popup = await openPopup(hearth);
    await expect.poll(async () => ((await sendFromPage<{ active: boolean }>(popup, 'host', 'pose.status')) as { value: { active: boolean } }).value.active, { timeout: 10_000 }).toBe(false);
    await popup.close();
    await page.close();
    await server.close();
  });

  it('releases the camera when the page navigates away', async () => {
    const { startServer, fileRoute } = await import('../helpers/server');
    const { pressShortcut } = await import('../helpers/shortcut');
    const server = await startServer({ '/a.html': fileRoute('<!doctype html><title>A</title><p>a', 'text/html'), '/b.html': fileRoute('<!doctype html><title>B</title><p>b', 'text/html') });
    const page = await hearth.context.newPage();
    await page.goto(`${server.origin}/a.html`);
    await pressShortcut(hearth.context, page, 'Alt+Shift+O');
    const popup = await openPopup(hearth);
    const active = async () => ((await sendFromPage<{ active: boolean }>(popup, 'host', 'pose.status')) as { value: { active: boolean } }).value.active;
    await expect.poll(active, { timeout: 30_000 }).toBe(true);
    await page.goto(`${server.origin}/b.html`);
    await expect.poll(active, { timeout: 10_000 }).toBe(false);
    await popup.close();
    await page.close();
    await server.close();
  });
});
