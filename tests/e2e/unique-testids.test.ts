import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';

// Tests find a part by its data-testid: one that two elements on the page share finds the first, whichever it is.
// Every view of the built side panel, as a user opens them in turn, with each data-testid once.

let hearth: Hearth;
beforeAll(async () => {
  hearth = await launchHearth();
});
afterAll(async () => {
  await hearth?.close();
});

/** The data-testids that more than one element on the page carries now, with their counts. */
const repeated = (page: Page) => page.evaluate(() => {
  const counts = new Map<string, number>();
  for (const el of document.querySelectorAll('[data-testid]')) counts.set(el.getAttribute('data-testid')!, (counts.get(el.getAttribute('data-testid')!) ?? 0) + 1);
  return Object.fromEntries([...counts].filter(([, n]) => n > 1));
});

describe('the side panel', () => {
  it('repeats no data-testid in any of its views', async () => {
    const page = await hearth.context.newPage();
    await page.goto(hearth.url('sidepanel.html'));
    await page.locator('[data-testid=backend][data-engine]:not([data-engine=""])').waitFor({ timeout: 20_000 });
    const found: Record<string, Record<string, number>> = {};
    for (const view of ['Chat', 'Summary', 'History', 'Models', 'Settings']) {
      await page.getByRole('button', { name: view, exact: true }).click();
      await page.locator('button.tab.active', { hasText: view }).waitFor();
      found[view] = await repeated(page);
    }
    expect(found).toEqual({ Chat: {}, Summary: {}, History: {}, Models: {}, Settings: {} });
    await page.close();
  });
});
