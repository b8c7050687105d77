import type { Page } from 'playwright-core';
import type { Hearth } from './launch';
import { selectText, summarizeWithShortcut } from './summary';

export interface FirstTokenTiming {
  /** Characters selected (for a page: its visible text). */
  chars: number;
  /** Shortcut pressed → the panel is in the page (injection, reading the selection, first render). */
  panelMs: number;
  /** Shortcut pressed → the first model token is on screen (notes of part 1, or the summary itself). */
  firstTokenMs: number;
  /** Where that first token went: 'summary' when the text fit one step, 'notes' when it was read in parts. */
  firstTokenIn: 'summary' | 'notes';
  /** Shortcut pressed → the first word of the summary itself (after any notes); only with `untilSummary`. */
  firstSummaryWordMs?: number;
}

/**
 * Click-to-first-token for the selection in `page` matched by `selector` (or, with 'page', for the whole page, read
 * through the visibility walk and Readability): the real shortcut (a user's key press through CDP) to the first
 * model text in the panel, timed in the page with the same wall clock.
 * The panel is closed afterwards (which stops the rest of a long summary). Warm the model first for warm figures.
 */
export async function measureFirstToken(hearth: Hearth, page: Page, what: { selector: string } | 'page', timeoutMs = 300_000, untilSummary = false): Promise<FirstTokenTiming> {
  if (what !== 'page') await selectText(page, what.selector);
  const chars = await page.evaluate((isPage) => (isPage ? document.body.innerText : getSelection()!.toString()).length, what === 'page');
  await page.evaluate(() => {
    const marks: Record<string, number> = {};
    (window as unknown as { hearthMarks: Record<string, number> }).hearthMarks = marks;
    const watchPanel = (host: Element) => {
      marks.panel ??= Date.now();
      const root = host.shadowRoot!;
      const check = () => {
        for (const id of ['summary', 'notes'] as const) {
          if (!marks.token && root.querySelector(`[data-testid=${id}]`)?.textContent) {
            marks.token = Date.now();
            marks[id] = 1;
          }
        }
        if (!marks.summaryWord && root.querySelector('[data-testid=summary]')?.textContent?.trim()) marks.summaryWord = Date.now();
      };
      new MutationObserver(check).observe(root, { childList: true, subtree: true, characterData: true });
    };
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if ((n as Element).tagName === 'HEARTH-SUMMARY') watchPanel(n as Element);
    }).observe(document.documentElement, { childList: true });
  });
  const { pressedAt } = await summarizeWithShortcut(hearth, page, what === 'page' ? 'page' : 'selection');
  await page.waitForFunction((key) => !!(window as unknown as { hearthMarks: Record<string, number> }).hearthMarks[key], untilSummary ? 'summaryWord' : 'token', { timeout: timeoutMs });
  const marks = await page.evaluate(() => (window as unknown as { hearthMarks: Record<string, number> }).hearthMarks);
  await page.getByTestId('close').click();
  return {
    chars,
    panelMs: marks.panel! - pressedAt,
    firstTokenMs: marks.token! - pressedAt,
    firstTokenIn: marks.summary ? 'summary' : 'notes',
    ...(marks.summaryWord ? { firstSummaryWordMs: marks.summaryWord - pressedAt } : {}),
  };
}
