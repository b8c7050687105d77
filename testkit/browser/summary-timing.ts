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
  /** The first request's steps as the panel shows them, ms from the shortcut (absent: the panel never showed it). */
  timeline: SummaryTimeline;
}

/** What the panel shows between the shortcut and the first token, in order. */
export interface SummaryTimeline {
  /** The panel left "Starting the model…" (the text's tokens counted with the model's tokenizer, the request sent). */
  countedMs?: number;
  /** The panel said it waits for other requests (the host's queue), if it did. */
  queuedMs?: number;
  /** The model began reading the prompt (its reading status shown). */
  readingMs?: number;
  /** The prompt's size in the engine's tokens, and how many its cache already held (its first count). */
  promptTokens?: number;
  reusedTokens?: number;
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
  // The panel's steps are recorded inside the page by an observer on its closed shadow root, installed by one
  // DevTools call once the panel is there. (Reading the panel through a new DevTools session every few ms, as this
  // did before, kept a core busy and slowed the model it was timing: the summary read at 73 tokens/s, questions in
  // the same run at 110–140.)
  const deadline = Date.now() + timeoutMs;
  await page.waitForFunction(() => !!document.querySelector('hearth-summary'), undefined, { timeout: timeoutMs, polling: 50 });
  await evaluateInPanel(page, (root) => {
    type Marks = { counted?: number; queued?: number; reading?: number; token?: number; summaryWord?: number; firstTokenIn?: string; promptTokens?: number; reusedTokens?: number };
    const marks: Marks = {};
    (window as unknown as { hearthPanelMarks: Marks }).hearthPanelMarks = marks;
    const look = () => {
      const now = Date.now();
      const bar = root.querySelector('progress[data-testid=reading]') as HTMLProgressElement | null;
      const summary = root.querySelector('[data-testid=summary]')?.textContent ?? '';
      const notes = root.querySelector('[data-testid=notes]')?.textContent ?? '';
      const phase = root.querySelector('[data-testid=status]')?.getAttribute('data-phase') ?? '';
      if (!marks.counted && phase && phase !== 'connecting') marks.counted = now;
      if (!marks.queued && phase === 'queued') marks.queued = now;
      if (!marks.reading && bar) marks.reading = now;
      if (bar && marks.promptTokens === undefined && bar.max > 1) {
        marks.promptTokens = bar.max;
        marks.reusedTokens = bar.value; // the engine's first count: what its cache held
      }
      if (!marks.token && (summary || notes)) {
        marks.token = now;
        marks.firstTokenIn = summary ? 'summary' : 'notes';
      }
      if (!marks.summaryWord && summary.trim()) marks.summaryWord = now;
    };
    look();
    new MutationObserver(look).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  type Seen = { counted?: number; queued?: number; reading?: number; token?: number; summaryWord?: number; firstTokenIn?: 'summary' | 'notes'; promptTokens?: number; reusedTokens?: number };
  const marksOf = () => (window as unknown as { hearthPanelMarks: Seen }).hearthPanelMarks;
  await page
    .waitForFunction((until) => !!(window as unknown as { hearthPanelMarks: Record<string, number> }).hearthPanelMarks[until], untilSummary ? 'summaryWord' : 'token', { timeout: Math.max(1, deadline - Date.now()), polling: 100 })
    .catch(() => {
      throw new Error(`No ${untilSummary ? 'summary word' : 'model text'} in the panel within ${timeoutMs} ms.`);
    });
  const at = await page.evaluate(marksOf);
  const marks = await page.evaluate(() => (window as unknown as { hearthMarks: Record<string, number> }).hearthMarks);
  await panelPart(page, 'close').click();
  return {
    chars,
    panelMs: marks.panel! - pressedAt,
    firstTokenMs: at.token! - pressedAt,
    firstTokenIn: at.firstTokenIn!,
    ...(at.summaryWord ? { firstSummaryWordMs: at.summaryWord - pressedAt } : {}),
    timeline: {
      ...(at.counted ? { countedMs: at.counted - pressedAt } : {}),
      ...(at.queued ? { queuedMs: at.queued - pressedAt } : {}),
      ...(at.reading ? { readingMs: at.reading - pressedAt } : {}),
      ...(at.promptTokens !== undefined ? { promptTokens: at.promptTokens, reusedTokens: at.reusedTokens } : {}),
    },
  };
}
