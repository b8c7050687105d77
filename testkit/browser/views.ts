import type { Frame, Page } from 'playwright-core';
import type { Hearth } from './launch';
import { lastAnswer, newChat, openPopup, send } from './popup';
import { panelPart, summarizeWithShortcut, waitForSummary } from './summary';
import { openOverlay, waitForFramesDrawn } from './pose-overlay';
import { newsArticlePage } from '../../tests/fixtures/news-article';

// Hearth's main views in a known state, in a given colour scheme, for the contrast test and `npm run screenshots`.
// With the tiny echo model (makeTinyLlamaGguf({ echo: true })) every answer and summary is the same on every run.

export type Scheme = 'light' | 'dark';

/** The article the summary views read: a news story with the furniture that a summary must leave out. */
export const VIEWS_ARTICLE = newsArticlePage(
  { ad: 'amber', sponsored: 'basil', signup: 'cobalt', cookie: 'amber', mostRead: 'basil', related: 'cobalt' },
  'dahlia',
);
export const viewsPage = (scheme: Scheme | 'site-dark') =>
  scheme === 'site-dark'
    ? VIEWS_ARTICLE.replace('</head>', '<style>body{background:#15171a;color:#e6e6e6;font:17px/1.6 Georgia,serif;max-width:760px;margin:24px auto;padding:0 16px}a{color:#8ab4f8}</style></head>')
    : VIEWS_ARTICLE.replace('</head>', '<style>body{font:17px/1.6 Georgia,serif;max-width:760px;margin:24px auto;padding:0 16px}</style></head>');

async function inScheme(page: Page, scheme: Scheme) {
  await page.emulateMedia({ colorScheme: scheme });
  return page;
}

/** The popup's chat after one question and its answer. */
export async function popupWithAnswer(hearth: Hearth, scheme: Scheme): Promise<Page> {
  const page = await openPopup(hearth);
  await page.setViewportSize({ width: 420, height: 580 });
  await inScheme(page, scheme);
  await newChat(page); // one question and its answer, whatever ran before
  await send(page, 'What is the dahlia bed like in spring?');
  await lastAnswer(page).waitFor();
  await page.waitForFunction(() => {
    const last = [...document.querySelectorAll('[data-testid=msg-assistant]')].at(-1);
    return last && last.getAttribute('aria-busy') !== 'true' && last.textContent!.trim().length > 0;
  }, undefined, { timeout: 60_000 });
  await page.locator('#prompt').blur(); // the composer at rest
  return page;
}

/** The side panel's summary view with a pasted text summarized. */
export async function sidePanelWithSummary(hearth: Hearth, scheme: Scheme): Promise<Page> {
  const page = await hearth.context.newPage();
  await page.setViewportSize({ width: 400, height: 640 });
  await inScheme(page, scheme);
  await page.goto(hearth.url('sidepanel.html'));
  await page.getByRole('button', { name: 'Summary', exact: true }).click();
  await page.getByText('Or paste text to summarize').click(); // pasting is folded away under the page's button
  await page.getByTestId('paste').fill('The garden club planted a dahlia border along the south wall this spring. It needs sun, rich soil and water every few days, and the club hopes it will flower from July until the first frost.');
  await page.getByTestId('summarize').click();
  await waitForSummary(page);
  return page;
}

/** A page (served at `url`) with its summary panel, finished. */
export async function pageWithSummary(hearth: Hearth, url: string, scheme: Scheme): Promise<Page> {
  const page = await hearth.context.newPage();
  await page.setViewportSize({ width: 1000, height: 640 });
  await inScheme(page, scheme);
  await page.goto(url);
  await summarizeWithShortcut(hearth, page, 'page');
  await waitForSummary(page);
  return page;
}

/** A page with the summary panel showing a failure: a selection summary with nothing selected. */
export async function pageWithRefusal(hearth: Hearth, url: string, scheme: Scheme): Promise<Page> {
  const page = await hearth.context.newPage();
  await page.setViewportSize({ width: 1000, height: 640 });
  await inScheme(page, scheme);
  await page.goto(url);
  await summarizeWithShortcut(hearth, page, 'selection');
  await panelPart(page, 'error').waitFor();
  return page;
}

/** A page (served at `url`) with the pose overlay on and drawing (the browser needs a fake camera). */
export async function pageWithOverlay(hearth: Hearth, url: string, scheme: Scheme): Promise<{ page: Page; view: Frame }> {
  const page = await hearth.context.newPage();
  await page.setViewportSize({ width: 1000, height: 640 });
  await inScheme(page, scheme);
  await page.goto(url);
  const view = await openOverlay(hearth, page);
  await waitForFramesDrawn(view, 3, 90_000).catch(() => {
    throw new Error('The pose overlay drew no skeleton within 90 s.');
  });
  return { page, view };
}
