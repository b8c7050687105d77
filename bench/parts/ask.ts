import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import type { BenchContext } from '../context';
import type { BenchOptions } from '../options';
import { askAbout, timeFirstToken, type AskTiming } from '../ask-chat';
import { ARTICLE_PATH } from '../model-source';
import { fileRoute, startServer, type Route } from '../../testkit/browser/server';
import { chooseTinyModel, pressSummaryShortcut } from '../../testkit/browser/summary';
import { command, hostStatus, newChat } from '../../testkit/browser/popup';
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
  /**
   * The page's first question again on a fresh KV cache (model reloaded), its prompt primed with `llm.prime` when
   * the source was opened and the question asked PRIME_WAIT_MS later; null where the engine could not prime.
   */
  primed: (AskQuestionFigures & { primeAccepted: boolean; primedWhole: boolean }) | null;
}

/** How long the primed case waits between opening the source and asking (a user reading the page, typing). */
export const PRIME_WAIT_MS = 15_000;

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

/** Record the generate requests the chat page sends (the ask view's real prompt), to prime the same one. */
const recordRequests = (chat: Page) =>
  chat.evaluate(() => {
    const w = window as unknown as { sent: unknown[] };
    if (w.sent) return;
    w.sent = [];
    const connect = chrome.runtime.connect.bind(chrome.runtime);
    chrome.runtime.connect = ((...args: Parameters<typeof connect>) => {
      const port = connect(...args);
      const post = port.postMessage.bind(port);
      port.postMessage = (m: { type?: string; request?: unknown }) => (m?.type === 'start' && w.sent.push(m.request), post(m));
      return port;
    }) as typeof chrome.runtime.connect;
  });

/**
 * The first question about the page as it is with priming: the model reloaded (an empty KV cache), "Say hello." to
 * warm it, the source opened and its prompt primed (the ask view's own request for this question, cut after
 * "Question:"), PRIME_WAIT_MS, then the question. Measures what the engine side gives; the views prime by themselves
 * once they call `llm.prime`.
 */
async function primedFirstQuestion(chat: Page) {
  type Req = { input: { kind: 'chat'; messages: { role: string; content: string }[] }; options?: unknown };
  const sent = await chat.evaluate(() => (window as unknown as { sent: Req[] }).sent);
  const asked = sent.find((r) => r.input.kind === 'chat' && r.input.messages.at(-1)!.content.includes(`Question: ${PAGE_QUESTIONS[0]}`));
  if (!asked) throw new Error('The first page question was not recorded.');
  const last = asked.input.messages.at(-1)!;
  const cut = { ...asked, input: { kind: 'chat', messages: [...asked.input.messages.slice(0, -1), { ...last, content: last.content.slice(0, last.content.indexOf('Question:') + 'Question:'.length) }] } };
  await command(chat, 'host', 'llm.unload');
  // The page stays a source across new chats: take it out, so the warm-up reads no page.
  while (await chat.locator('.ask-remove').count()) await chat.locator('.ask-remove').first().click();
  await newChat(chat);
  await timeFirstToken(chat, 'Say hello.');
  await newChat(chat);
  await askAbout(chat, /^This page · /);
  const { accepted } = await command<{ accepted: boolean }>(chat, 'host', 'llm.prime', { request: cut, key: 'bench:page' });
  if (!accepted) return null;
  await chat.waitForTimeout(PRIME_WAIT_MS);
  const primedWhole = ((await hostStatus(chat)).primed ?? 0) > 0;
  return { question: PAGE_QUESTIONS[0]!, primeAccepted: accepted, primedWhole, ...(await timeFirstToken(chat, PAGE_QUESTIONS[0]!)) };
}

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
    await recordRequests(chat);
    await timeFirstToken(chat, 'Say hello.'); // loads the model (cold) and warms it
    const plain = await timeFirstToken(chat, 'Say hello again.');
    const cases: Record<string, AskCaseFigures> = {};

    await newChat(chat);
    const pageRead = await askAbout(chat, /^This page · /);
    cases[`page, ${page.words} words`] = { words: page.words, readMs: pageRead, questions: await conversation(chat, PAGE_QUESTIONS) };

    const primed = await primedFirstQuestion(chat);

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
    return { model: ctx.model.label, loadBefore, loadAfter: loadavg(), plain, cases, primed };
  } finally {
    await server.close();
  }
}
