import type { Page } from 'playwright-core';
import { lastAnswer } from '../testkit/browser/popup';

/** One request's timeline, from Enter (all ms from Enter unless said). */
export interface AskTiming {
  /** Enter pressed in the chat → the answer's first text on screen. */
  firstTokenMs: number;
  /** Enter → the question on screen: the sources counted in the model's tokens (first question), the prompt built, saved. */
  promptReadyMs: number;
  /** The question on screen → the model starts reading its prompt (the host's queue, a prime still reading, IPC). */
  queueWaitMs: number;
  /** The model reading the prompt → the first token (the prompt read, then one decode step). */
  readMs: number;
  /** The engine's own request → first token (no UI, no queue). */
  engineFirstTokenMs: number;
  promptTokens: number;
  /** Prompt tokens the engine took from its KV cache (the prefix shared with the request before, or a prime). */
  reusedTokens: number;
  /** Prompt tokens read per second (those not reused), as the engine measured. */
  prefillTokensPerSec: number;
  /** Tokens the answer wrote before Stop landed (how many depends on the moment: the next question re-reads them). */
  completionTokens: number;
  /** What the chat said with the answer (e.g. that it was asked over part of a source still being read), if anything. */
  notice?: string;
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');
const rate = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');

/** One request's timeline as table cells, in the order it happens (bench/ask-table.ts heads them). */
export const timelineCells = (t: AskTiming) =>
  [ms(t.promptReadyMs), ms(t.queueWaitMs), `${Number.isFinite(t.promptTokens - t.reusedTokens) ? t.promptTokens - t.reusedTokens : 'n/a'} in ${ms(t.readMs)} (${rate(t.prefillTokensPerSec)}/s)`,
    `${t.reusedTokens} of ${t.promptTokens}`, ms(t.firstTokenMs), ms(t.engineFirstTokenMs)];

/** The stats the host stored with the latest conversation's last answer. */
const lastStats = (chat: Page) =>
  chat.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('hearth-chat', 1);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    type Stats = { promptTokens: number; completionTokens: number; reusedTokens?: number; timeToFirstTokenMs: number; prefillTokensPerSec?: number };
    const all = await new Promise<{ updatedAt: number; messages: { role: string; stats?: Stats }[] }[]>((resolve) => {
      const q = db.transaction('conversations').objectStore('conversations').getAll();
      q.onsuccess = () => resolve(q.result);
    });
    return all.sort((a, b) => b.updatedAt - a.updatedAt)[0]?.messages.filter((m) => m.role === 'assistant').at(-1)?.stats ?? null;
  });

/**
 * Send `text` in the chat window and time Enter → the answer's first text on screen, with the steps between as the
 * page shows them (the question appearing, the reading status appearing); the answer is stopped there (a
 * random-weight model writes gibberish: only the time to its first word counts).
 */
export async function timeFirstToken(chat: Page, text: string): Promise<AskTiming> {
  await chat.fill('#prompt', text);
  await chat.evaluate((question) => {
    type Marks = { t0: number; before: number; asked?: number; reading?: number; t1: number | null; failed?: string };
    const w = window as unknown as { hearthAsk: Marks };
    const box = document.querySelector('.messages')!;
    // The question is on screen once there is one more user message than before Enter.
    const m: Marks = { t0: 0, before: box.querySelectorAll('[data-testid=msg-user]').length, t1: null };
    w.hearthAsk = m;
    const seen = new MutationObserver(() => {
      const now = performance.now();
      const users = [...box.querySelectorAll('[data-testid=msg-user]')];
      if (m.asked === undefined && users.length > m.before && users.at(-1)?.textContent?.includes(question)) m.asked = now;
      if (m.reading === undefined && document.querySelector('[data-testid=reading]')) m.reading = now;
      const last = [...box.querySelectorAll('[data-testid=msg-assistant]')].at(-1);
      if (last?.getAttribute('data-status') === 'error') m.failed = last.textContent ?? 'error';
      if (last?.getAttribute('data-status') === 'streaming' && last.querySelector('.markdown')?.textContent?.trim()) {
        m.t1 = now;
        seen.disconnect();
      }
    });
    seen.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    m.t0 = performance.now();
  }, text.trim());
  await chat.locator('#prompt').press('Enter');
  const done = () => {
    const w = window as unknown as { hearthAsk: { t1: number | null; failed?: string } };
    return w.hearthAsk.t1 !== null || !!w.hearthAsk.failed;
  };
  await chat.waitForFunction(done, undefined, { timeout: 1_200_000, polling: 50 });
  const m = await chat.evaluate(() => (window as unknown as { hearthAsk: { t0: number; asked?: number; reading?: number; t1: number; failed?: string } }).hearthAsk);
  if (m.failed) throw new Error(`The answer to "${text}" failed: ${m.failed}`);
  await chat.getByRole('button', { name: 'Stop', exact: true }).click();
  const deadline = Date.now() + 60_000;
  while (!/stopped|done/.test((await lastAnswer(chat).getAttribute('data-status')) ?? '')) {
    if (Date.now() > deadline) throw new Error('The answer did not stop within a minute.');
    await chat.waitForTimeout(100);
  }
  const stats = await lastStats(chat);
  const notice = (await chat.locator('.notice').allTextContents()).join(' ').trim();
  const asked = m.asked ?? Number.NaN;
  // An engine that reads fast may show no reading status at all: then the wait ends with the first token.
  const reading = m.reading ?? m.t1;
  return {
    firstTokenMs: m.t1 - m.t0,
    promptReadyMs: asked - m.t0,
    queueWaitMs: reading - asked,
    readMs: m.t1 - reading,
    engineFirstTokenMs: stats?.timeToFirstTokenMs ?? Number.NaN,
    promptTokens: stats?.promptTokens ?? Number.NaN,
    reusedTokens: stats?.reusedTokens ?? Number.NaN,
    prefillTokensPerSec: stats?.prefillTokensPerSec ?? Number.NaN,
    completionTokens: stats?.completionTokens ?? Number.NaN,
    ...(notice ? { notice } : {}),
  };
}

/** Click "Ask about this page" (or "… this tab instead") and wait for a source chip matching `chip`; ms it took. */
export async function askAbout(chat: Page, chip: RegExp): Promise<number> {
  const t0 = Date.now();
  await chat.getByRole('button', { name: /^Ask about this (page|tab instead)$/ }).first().click();
  const deadline = t0 + 120_000;
  for (;;) {
    const chips = await chat.locator('[data-testid=ask-source]').allTextContents();
    if (chips.some((c) => chip.test(c))) return Date.now() - t0;
    const alert = await chat.locator('.ask-bar [role=alert]').allTextContents();
    if (alert.length) throw new Error(`Ask could not read the tab: ${alert.join(' ')}`);
    if (Date.now() > deadline) throw new Error(`No source ${chip} after two minutes (chips: ${chips.join(', ')})`);
    await chat.waitForTimeout(50);
  }
}
