import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import type { BenchContext } from '../context';
import type { BenchOptions } from '../options';
import { askAbout, timeFirstToken, type AskTiming } from '../ask-chat';
import { ARTICLE_PATH } from '../model-source';
import { fileRoute, startServer, type Route } from '../../testkit/browser/server';
import { chooseTinyModel, pressSummaryShortcut } from '../../testkit/browser/summary';
import { newChat } from '../../testkit/browser/popup';
import { grantTab, openChatWindow } from '../../testkit/browser/ask';
import { makeLongPdf } from '../../testkit/pdf/make-pdf';
import { HARBOUR_PARAGRAPHS } from '../../tests/fixtures/harbour-article';

/** One question of a conversation about a source. */
export interface AskQuestionFigures extends AskTiming {
  question: string;
}
export interface AskCaseFigures {
  words: number;
  /** "Ask about this page" clicked → the source's chip shown (reading the tab; for a PDF, download and pdf.js). */
  readMs: number;
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
/** The ~1,000-word page: the news article (tests/fixtures/article.txt) and the harbour article. */
function articlePage() {
  const [title, ...paragraphs] = readFileSync(ARTICLE_PATH, 'utf8').trim().split(/\n\s*\n/);
  const all = [...paragraphs, ...HARBOUR_PARAGRAPHS];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title!)}</title></head><body><article><h1>${esc(title!)}</h1>${all.map((p) => `<p>${esc(p)}</p>`).join('')}</article></body></html>`;
  return { html, words: all.join(' ').split(/\s+/).length };
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

async function conversation(chat: Page, questions: string[]): Promise<AskQuestionFigures[]> {
  const out: AskQuestionFigures[] = [];
  for (const question of questions) out.push({ question, ...(await timeFirstToken(chat, question)) });
  return out;
}

/**
 * "Ask about this page", question → first token with the model warm: a ~1,000-word page and a 10-page PDF, three
 * questions each in one conversation (the first reads the whole prompt; the follow-ups reuse the KV cache of the
 * prefix they share with it). One conversation per source: each question takes seconds to minutes at real size.
 */
export async function runAsk(ctx: BenchContext, _o: BenchOptions): Promise<AskFigures> {
  const loadBefore = loadavg();
  const page = articlePage();
  const pdf = await makeLongPdf(10, { 7: 'The lighthouse was kept by Margaret Doyle for thirty-two years.' }, 'Committee report');
  const server = await startServer({ '/article.html': fileRoute(page.html, 'text/html; charset=utf-8'), '/report.pdf': pdfRoute(pdf) });
  try {
    await chooseTinyModel(ctx.hearth, ctx.modelUrl);
    const tab = await ctx.hearth.context.newPage();
    await tab.goto(`${server.origin}/article.html`);
    await grantTab(ctx.hearth, tab);
    const chat = await openChatWindow(ctx.hearth);
    await timeFirstToken(chat, 'Say hello.'); // loads the model (cold) and warms it
    const plain = await timeFirstToken(chat, 'Say hello again.');
    const cases: Record<string, AskCaseFigures> = {};

    await newChat(chat);
    const pageRead = await askAbout(chat, /^This page · /);
    cases[`page, ${page.words} words`] = { words: page.words, readMs: pageRead, questions: await conversation(chat, PAGE_QUESTIONS) };

    const report = await ctx.hearth.context.newPage();
    await report.goto(`${server.origin}/report.pdf`);
    // A real shortcut grants activeTab for the PDF's site ("summarize selection" with nothing selected reads nothing).
    await pressSummaryShortcut(ctx.hearth, report, 'selection');
    await report.waitForTimeout(1000);
    await newChat(chat);
    const pdfRead = await askAbout(chat, /^PDF · 10 pages · /);
    const chip = (await chat.locator('[data-testid=ask-source]').allTextContents()).find((c) => c.startsWith('PDF'))!;
    const words = Number(chip.match(/([\d,]+) words/)?.[1]?.replace(/,/g, '') ?? Number.NaN);
    cases[`PDF, 10 pages, ${words} words`] = { words, readMs: pdfRead, questions: await conversation(chat, PDF_QUESTIONS) };
    return { model: ctx.model.label, loadBefore, loadAfter: loadavg(), plain, cases };
  } finally {
    await server.close();
  }
}
