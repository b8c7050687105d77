import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** The popup's real size (assets/popup.css: html.popup body). */
export const POPUP_SIZE = { width: 420, height: 580 };

/**
 * With HEARTH_SHOTS=DIR, save `name-light.png` and `name-dark.png` of the page as it is now, to look at by eye.
 * Without it, nothing (the tests' assertions do not depend on it).
 */
export async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.HEARTH_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // The scheme is in force, and a frame has been drawn with it (the screenshot also waits for the next one).
    await page.waitForFunction((scheme) => matchMedia(`(prefers-color-scheme: ${scheme})`).matches, colorScheme);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(dir, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: null });
}
