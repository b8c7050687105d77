import type { Page } from 'playwright-core';
import { lastAnswer } from '../testkit/browser/popup';

export interface AskTiming {
  /** Enter pressed in the chat → the answer's first text on screen. */
  firstTokenMs: number;
  /** The engine's own request → first token (no UI, no queue). */
  engineFirstTokenMs: number;
  promptTokens: number;
  /** Prompt tokens the engine took from its KV cache (the prefix shared with the request before). */
  reusedTokens: number;
}

/** The stats the host stored with the latest conversation's last answer. */
const lastStats = (chat: Page) =>
  chat.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('hearth-chat', 1);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    type Stats = { promptTokens: number; reusedTokens?: number; timeToFirstTokenMs: number };
    const all = await new Promise<{ updatedAt: number; messages: { role: string; stats?: Stats }[] }[]>((resolve) => {
      const q = db.transaction('conversations').objectStore('conversations').getAll();
      q.onsuccess = () => resolve(q.result);
    });
    return all.sort((a, b) => b.updatedAt - a.updatedAt)[0]?.messages.filter((m) => m.role === 'assistant').at(-1)?.stats ?? null;
  });

/**
 * Send `text` in the chat window and time Enter → the answer's first text on screen; the answer is stopped there
 * (a random-weight model writes gibberish: only the time to its first word counts).
 */
export async function timeFirstToken(chat: Page, text: string): Promise<AskTiming> {
  await chat.fill('#prompt', text);
  await chat.evaluate(() => {
    const w = window as unknown as { t0: number; t1: number | null; failed?: string };
    w.t1 = null;
    w.failed = undefined;
    const box = document.querySelector('.messages')!;
    const seen = new MutationObserver(() => {
      const last = [...box.querySelectorAll('[data-testid=msg-assistant]')].at(-1);
      if (last?.getAttribute('data-status') === 'error') w.failed = last.textContent ?? 'error';
      if (last?.getAttribute('data-status') === 'streaming' && last.querySelector('.markdown')?.textContent?.trim()) {
        w.t1 = performance.now();
        seen.disconnect();
      }
    });
    seen.observe(box, { subtree: true, childList: true, characterData: true, attributes: true });
    w.t0 = performance.now();
  });
  await chat.locator('#prompt').press('Enter');
  const done = () => {
    const w = window as unknown as { t1: number | null; failed?: string };
    return w.t1 !== null || !!w.failed;
  };
  await chat.waitForFunction(done, undefined, { timeout: 1_200_000, polling: 50 });
  const { ms, failed } = await chat.evaluate(() => {
    const w = window as unknown as { t0: number; t1: number; failed?: string };
    return { ms: w.t1 - w.t0, failed: w.failed };
  });
  if (failed) throw new Error(`The answer to "${text}" failed: ${failed}`);
  await chat.getByRole('button', { name: 'Stop', exact: true }).click();
  const deadline = Date.now() + 60_000;
  while (!/stopped|done/.test((await lastAnswer(chat).getAttribute('data-status')) ?? '')) {
    if (Date.now() > deadline) throw new Error('The answer did not stop within a minute.');
    await chat.waitForTimeout(100);
  }
  const stats = await lastStats(chat);
  return { firstTokenMs: ms, engineFirstTokenMs: stats?.timeToFirstTokenMs ?? Number.NaN, promptTokens: stats?.promptTokens ?? Number.NaN, reusedTokens: stats?.reusedTokens ?? Number.NaN };
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
