import type { Page } from 'playwright-core';
import type { Hearth } from './launch';
import { selectText, summarizeWithShortcut } from './summary';
import { evaluateInPanel, panelPart } from './closed-panel';

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
 * model text in the panel, on one wall clock (the panel's arrival seen by the page, its text read every few ms).
 * The panel is closed afterwards (which stops the rest of a long summary). Warm the model first for warm figures.
 */
export async function measureFirstToken(hearth: Hearth, page: Page, what: { selector: string } | 'page', timeoutMs = 300_000, untilSummary = false): Promise<FirstTokenTiming> {
  if (what !== 'page') await selectText(page, what.selector);
  const chars = await page.evaluate((isPage) => (isPage ? document.body.innerText : getSelection()!.toString()).length, what === 'page');
  // The page sees the panel's host element arrive (its shadow root is closed, so nothing inside it).
  await page.evaluate(() => {
    const marks: Record<string, number> = {};
    (window as unknown as { hearthMarks: Record<string, number> }).hearthMarks = marks;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if ((n as Element).tagName === 'HEARTH-SUMMARY') marks.panel ??= Date.now();
    }).observe(document.documentElement, { childList: true });
  });
  const { pressedAt } = await summarizeWithShortcut(hearth, page, what === 'page' ? 'page' : 'selection');
  // Inside the closed panel, text is read through the DevTools protocol, as often as it answers (every few ms).
  const deadline = Date.now() + timeoutMs;
  const at: { token?: number; summaryWord?: number; firstTokenIn?: 'summary' | 'notes' } = {};
  while (!(untilSummary ? at.summaryWord : at.token)) {
    if (Date.now() > deadline) throw new Error(`No ${untilSummary ? 'summary word' : 'model text'} in the panel within ${timeoutMs} ms.`);
    const seen = await evaluateInPanel(page, (root) => ({
      summary: root.querySelector('[data-testid=summary]')?.textContent ?? '',
      notes: root.querySelector('[data-testid=notes]')?.textContent ?? '',
    })).catch(() => ({ summary: '', notes: '' }));
    const now = Date.now();
    if (!at.token && (seen.summary || seen.notes)) {
      at.token = now;
      at.firstTokenIn = seen.summary ? 'summary' : 'notes';
    }
    if (!at.summaryWord && seen.summary.trim()) at.summaryWord = now;
  }
  const marks = await page.evaluate(() => (window as unknown as { hearthMarks: Record<string, number> }).hearthMarks);
  await panelPart(page, 'close').click();
  return {
    chars,
    panelMs: marks.panel! - pressedAt,
    firstTokenMs: at.token! - pressedAt,
    firstTokenIn: at.firstTokenIn!,
    ...(at.summaryWord ? { firstSummaryWordMs: at.summaryWord - pressedAt } : {}),
  };
}
