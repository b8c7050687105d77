import { expect } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import type { Hearth } from './launch';
import { openOverlay } from './pose-overlay';
import { command, openPopup } from './popup';

/**
 * Load the pose model in the host before the clip that counts starts: a pose port from an extension page (the host
 * opens the camera and loads MoveNet), closed after its first poses, and the camera released. The overlay's camera
 * then plays the clip from its start, so the clip's lead covers calibration only, not a model load that takes far
 * longer on a loaded machine.
 */
export async function warmUpPoseModel(h: Hearth): Promise<void> {
  const popup = await openPopup(h);
  const poses = await popup.evaluate(
    () =>
      new Promise<number | string>((resolve) => {
        const port = chrome.runtime.connect({ name: 'hearth:pose' });
        let n = 0;
        port.onMessage.addListener((m: { type: string; error?: { message: string } }) => {
          if (m.type === 'error') resolve(m.error!.message);
          if (m.type === 'poses' && ++n === 2) {
            port.disconnect();
            resolve(n);
          }
        });
        port.postMessage({ type: 'start', settings: { model: 'lightning', backend: 'auto' } });
      }),
  );
  expect(poses).toBe(2);
  await expect.poll(async () => (await command<{ active: boolean }>(popup, 'host', 'pose.status')).active, { timeout: 20_000 }).toBe(false);
  await popup.close();
}

/** The model warmed up, then a page of `origin` with the pose overlay on it (the coach's panel is in the view). */
export async function coachOverlayOn(h: Hearth, origin: string): Promise<{ page: Page; view: Frame }> {
  await warmUpPoseModel(h);
  const page = await h.context.newPage();
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(`${origin}/page.html`);
  const view = await openOverlay(h, page);
  return { page, view };
}
