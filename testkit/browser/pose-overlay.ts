import type { Frame, Page } from 'playwright-core';
import type { Hearth } from './launch';
import { pressCommand } from './shortcut';
import { waitForFrame } from './frames';

const isView = (f: Frame) => f.url().endsWith('/pose-view.html');

/** Turn the overlay on with the real shortcut (which grants activeTab) and return the view's frame. */
export async function openOverlay(hearth: Hearth, page: Page): Promise<Frame> {
  await pressCommand(hearth, page, 'Alt+Shift+O');
  // The worker has run the command; injecting the overlay and loading its view can take a while on a loaded machine.
  const view = await waitForFrame(page, isView, 30_000);
  if (!view) throw new Error('The pose overlay did not open.');
  return view;
}

/** Wait until the view has drawn at least `n` frames (its canvas counts them). */
export async function waitForFramesDrawn(view: Frame, n: number, timeout: number): Promise<void> {
  await view.waitForFunction((n) => Number(document.querySelector('canvas')?.dataset.frames ?? 0) >= n, n, { timeout, polling: 100 });
}

/** Frames the view has really drawn (its canvas counts them). */
export const framesDrawn = (view: Frame) =>
  view.evaluate(() => Number(document.querySelector('canvas')?.dataset.frames ?? 0)).catch(() => 0);

/**
 * Where camera-pixel points appear on the page: the canvas is shown with object-fit: contain and, when mirrored,
 * flipped; the view's iframe sits somewhere in the page.
 */
export async function toPagePoints(view: Frame, points: Array<{ x: number; y: number }>): Promise<Array<{ x: number; y: number }>> {
  const frameBox = await (await view.frameElement()).boundingBox();
  if (!frameBox) throw new Error('The overlay frame is not visible.');
  const inFrame = await view.evaluate((points) => {
    const c = document.querySelector('canvas')!;
    const r = c.getBoundingClientRect();
    const s = Math.min(r.width / c.width, r.height / c.height);
    const ox = r.left + (r.width - c.width * s) / 2;
    const oy = r.top + (r.height - c.height * s) / 2;
    const mirrored = getComputedStyle(c).transform !== 'none';
    return points.map((p) => ({ x: ox + (mirrored ? c.width - p.x : p.x) * s, y: oy + p.y * s }));
  }, points);
  return inFrame.map((p) => ({ x: p.x + frameBox.x, y: p.y + frameBox.y }));
}

/**
 * For each page point, whether a screenshot of the page shows a skeleton-coloured pixel (limb green or keypoint
 * pink, see lib/pose/view/draw.ts) within `radius` px. The PNG is decoded by the browser itself.
 */
export async function skeletonColourNear(page: Page, points: Array<{ x: number; y: number }>, radius = 5): Promise<boolean[]> {
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(
    async ([png, points, radius]) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
      const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const scale = bitmap.width / innerWidth;
      const green = (r: number, g: number, b: number) => g > 190 && r < 120 && b > 80 && b < 190; // #22ff88
      const pink = (r: number, g: number, b: number) => r > 200 && g < 110 && b > 100 && b < 200; // #ff2d95
      return points.map((p) => {
        const x0 = Math.round((p.x - radius) * scale);
        const y0 = Math.round((p.y - radius) * scale);
        const size = Math.round(2 * radius * scale) + 1;
        const d = ctx.getImageData(x0, y0, size, size).data;
        for (let i = 0; i < d.length; i += 4) if (green(d[i]!, d[i + 1]!, d[i + 2]!) || pink(d[i]!, d[i + 1]!, d[i + 2]!)) return true;
        return false;
      });
    },
    [png, points, radius] as const,
  );
}
