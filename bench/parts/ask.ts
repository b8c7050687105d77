import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import type { BenchContext } from '../context';
import type { BenchOptions } from '../options';
import { askAbout, timeFirstToken, timelineCells, type AskTiming } from '../ask-chat';
import { ARTICLE_PATH } from '../model-source';
import { fileRoute, startServer, type Route } from '../../testkit/browser/server';
import { chooseTinyModel, panelPart, pressSummaryShortcut, summarizeWithShortcut, waitForSummary } from '../../testkit/browser/summary';
import { command, hostStatus, newChat } from '../../testkit/browser/popup';
import { grantTab, openChatWindow } from '../../testkit/browser/ask';
import { makeLongPdf } from '../../testkit/pdf/make-pdf';
import { HARBOUR_PARAGRAPHS, HARBOUR_TITLE } from '../../tests/fixtures/harbour-article';

/** One question of a conversation about a source. */
export interface AskQuestionFigures extends AskTiming {
  question: string;
}
export interface AskCaseFigures {
  words: number;
  /** "Ask about this page" clicked → the source's chip shown (reading the tab; for a PDF, download and pdf.js). */
  readMs: number;
  /** Time left between the chip shown and the first question's Enter (the user typing): what a prime can use. */
  waitedMs?: number;
  /** The sources' prime the host took ("ask:…"), if any. */
  primed?: string | null;
  /** For a summary's follow-up: the summary's prompt, in tokens (its last step's). */
  summaryPromptTokens?: number;
  questions: AskQuestionFigures[];
}
export interface AskFigures {
  model: string;
  /** 1, 5 and 15 minute load averages when the part started and ended (other work on the machine). */
  loadBefore: number[];
  loadAfter: number[];
  /** A short plain chat question with the model warm: the reference for the same run. */
  plain: AskTiming;
  cases: Record<string, AskCaseFigures>;
}

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** A page of `paragraphs` under `title`. */
function htmlPage(title: string, paragraphs: string[]) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><article><h1>${esc(title)}</h1>${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}</article></body></html>`;
  return { html, words: paragraphs.join(' ').split(/\s+/).length };
}

/** The ~1,000-word page: the news article (tests/fixtures/article.txt) and the harbour article. */
function articlePage() {
  const [title, ...paragraphs] = readFileSync(ARTICLE_PATH, 'utf8').trim().split(/\n\s*\n/);
  return htmlPage(title!, [...paragraphs, ...HARBOUR_PARAGRAPHS]);
}

/** Served as a real site serves a PDF: no CORS header, so only the tab's grant lets Hearth download it. */
const pdfRoute = (body: Uint8Array): Route => (_req, res) => {
  res.removeHeader('Access-Control-Allow-Origin');
  res.removeHeader('Cross-Origin-Resource-Policy');
  res.setHeader('Content-Type', 'application/pdf');
  res.end(Buffer.from(body));
};

const PAGE_QUESTIONS = ['How much is a ferry ticket to Skellig Island?', 'Who won the council election?', 'When do the geese arrive?'];
const PDF_QUESTIONS = ['What did the committee decide about the river survey?', 'What does section 7 say about the lighthouse?', 'Who kept the lighthouse?'];

/** Ask each question in turn (one conversation), printing each request's timeline as it comes. */
async function conversation(chat: Page, questions: string[]): Promise<AskQuestionFigures[]> {
  const out: AskQuestionFigures[] = [];
  for (const question of questions) {
    out.push({ question, ...(await timeFirstToken(chat, question)) });
    console.error(`  ask "${question}": ${timelineCells(out.at(-1)!).join(' | ')}`);
  }
  return out;
}

/** The prime the chat's sources got, once the host took one (the ask bar carries its key). */
const primedKey = (chat: Page) => chat.locator('.ask-bar').getAttribute('data-primed');

/** A conversation about a source the chat has open: questions at once, or after the user takes `waitMs` to type. */
async function askCase(chat: Page, chip: RegExp, questions: string[], waitMs = 0): Promise<AskCaseFigures & { chip: string }> {
  await newChat(chat);
  const readMs = await askAbout(chat, chip);
  const label = (await chat.locator('[data-testid=ask-source]').allTextContents()).find((c) => chip.test(c))!;
  const words = Number(label.match(/([\d,]+) words/)?.[1]?.replace(/,/g, '') ?? Number.NaN);
  if (waitMs) await chat.waitForTimeout(waitMs); // the user typing: the bench's one deliberate wait
  const primed = await primedKey(chat);
  console.error(`  source ${label}: read in ${readMs} ms${waitMs ? `, ${waitMs / 1000} s before Enter` : ''}; prime ${primed ? `taken (${primed})` : 'not taken'}`);
  return { chip: label, words, readMs, ...(waitMs ? { waitedMs: waitMs } : {}), primed, questions: await conversation(chat, questions) };
}

/**
 * The page summarized in its panel, then *Ask a follow-up* and one question at once: when the summary read the page
 * in one step, the question's prompt continues the summary's, so it reads only the summary and itself.
 */
async function summaryFollowUp(ctx: BenchContext, tab: Page, chat: Page): Promise<AskCaseFigures> {
  await newChat(chat);
  await tab.bringToFront();
  const pressed = Date.now();
  await summarizeWithShortcut(ctx.hearth, tab, 'page');
  await waitForSummary(tab, 600_000);
  const parts = await panelPart(tab, 'status').getAttribute('data-parts');
  const summaryPromptTokens = Number(await panelPart(tab, 'status').getAttribute('data-prompt-tokens'));
  console.error(`  summary: ${parts} step(s), ${summaryPromptTokens} prompt tokens, done ${Date.now() - pressed} ms after the shortcut`);
  const clicked = Date.now();
  await panelPart(tab, 'follow-up').click();
  const chip = chat.locator('[data-testid=ask-source]').first();
  await chip.waitFor({ timeout: 60_000 });
  const label = (await chip.textContent()) ?? '';
  const words = Number(label.match(/([\d,]+) words/)?.[1]?.replace(/,/g, '') ?? Number.NaN);
  return { words, readMs: Date.now() - clicked, primed: await primedKey(chat), summaryPromptTokens, questions: await conversation(chat, PAGE_QUESTIONS.slice(1, 2)) };
}

/**
 * "Ask about this page", question → first token with the model warm: a ~1,000-word page and a 10-page PDF, three
 * questions each in one conversation (the first reads the whole prompt; the follow-ups reuse the KV cache of the
 * prefix they share with it), then the page again with 15 s between opening it and Enter (the user typing), which
 * the chat's prime of the sources can use; last, another page's summary and one question after *Ask a follow-up*. Each
 * request's timeline is printed as it ends. One conversation per source: each question takes seconds to minutes at
 * real size.
 */
export async function runAsk(ctx: BenchContext, _o: BenchOptions): Promise<AskFigures> {
  const loadBefore = loadavg();
  const page = articlePage();
  const pdf = await makeLongPdf(10, { 7: 'The lighthouse was kept by Margaret Doyle for thirty-two years.' }, 'Committee report');
  // Another 10-page report no question was asked about (its title starts every passage: nothing of it is cached).
  const pdf2 = await makeLongPdf(10, { 8: 'The ferry pier was rebuilt in oak by the Ness brothers in 1911.' }, 'Harbour board minutes');
  // The summary's page is one no question was asked about before (the harbour article alone, under its own title: no
  // earlier prompt starts as its does), so its follow-up can reuse only the summary's prompt.
  const harbour = htmlPage(HARBOUR_TITLE, HARBOUR_PARAGRAPHS);
  const server = await startServer({ '/article.html': fileRoute(page.html, 'text/html; charset=utf-8'), '/harbour.html': fileRoute(harbour.html, 'text/html; charset=utf-8'), '/report.pdf': pdfRoute(pdf), '/minutes.pdf': pdfRoute(pdf2) });
  try {
    await chooseTinyModel(ctx.hearth, ctx.modelUrl);
    const tab = await ctx.hearth.context.newPage();
    await tab.goto(`${server.origin}/article.html`);
    await grantTab(ctx.hearth, tab);
    const chat = await openChatWindow(ctx.hearth);
    await timeFirstToken(chat, 'Say hello.'); // loads the model (cold) and warms it
    const plain = await timeFirstToken(chat, 'Say hello again.');
    const cases: Record<string, AskCaseFigures> = {};

    const pageCase = await askCase(chat, /^This page · /, PAGE_QUESTIONS);
    cases[`page, ${page.words} words`] = pageCase;

    const report = await ctx.hearth.context.newPage();
    await report.goto(`${server.origin}/report.pdf`);
    // A real shortcut grants activeTab for the PDF's site ("summarize selection" with nothing selected reads nothing).
    await pressSummaryShortcut(ctx.hearth, report, 'selection');
    await report.waitForTimeout(1000);
    const pdfCase = await askCase(chat, /^PDF · 10 pages · /, PDF_QUESTIONS);
    cases[`PDF, 10 pages, ${pdfCase.words} words`] = pdfCase;

    // The page again, after the PDF (so its prompt is no longer what the engine last read): opened, then 15 s of
    // typing before Enter, the time a prime has to read it ahead.
    await tab.bringToFront();
    const primedCase = await askCase(chat, /^This page · /, PAGE_QUESTIONS.slice(0, 2), 15_000);
    cases[`page, ${page.words} words, 15 s before Enter`] = primedCase;
    // A 10-page PDF opened, then 15 s before Enter: its first answer, and a follow-up.
    const minutes = await ctx.hearth.context.newPage();
    await minutes.goto(`${server.origin}/minutes.pdf`);
    await pressSummaryShortcut(ctx.hearth, minutes, 'selection');
    await minutes.waitForTimeout(1000);
    const pdfPrimed = await askCase(chat, /^PDF · 10 pages · /, ['Who rebuilt the ferry pier?', 'What was the pier rebuilt in?'], 15_000);
    cases[`PDF, 10 pages, ${pdfPrimed.words} words, 15 s before Enter`] = pdfPrimed;
    const harbourTab = await ctx.hearth.context.newPage();
    await harbourTab.goto(`${server.origin}/harbour.html`);
    cases[`page, ${harbour.words} words: its summary, then Ask a follow-up`] = await summaryFollowUp(ctx, harbourTab, chat);
    return { model: ctx.model.label, loadBefore, loadAfter: loadavg(), plain, cases };
  } finally {
    await server.close();
  }
}
