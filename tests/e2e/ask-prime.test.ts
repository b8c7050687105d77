import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { htmlDoc, useEchoHearth } from '../../testkit/browser/echo-hearth';
import { command, hostStatus, lastAnswer, newChat, send, storedLastStats } from '../../testkit/browser/popup';
import { grantTab, openChatWindow } from '../../testkit/browser/ask';

// Reading the source before the question: opening "Ask about this page" sends the next question's prompt up to the
// question to the model host (`llm.prime`), which reads it into the KV cache while the user types; the question then
// reads only its own words. Each test opens its own page and chat.
const PAGE = htmlDoc('The harbour', `<article><h1>The harbour</h1>${Array.from({ length: 3 }, (_, i) =>
  `<p>Paragraph ${i + 1}: the ferry leaves the harbour at dawn, and the gulls follow it past the lighthouse to the island.</p>`).join('')}</article>`);
const QUESTION = 'When does the ferry leave?';

const env = useEchoHearth({ '/harbour.html': PAGE });

/** The page in a tab Hearth may read, and a chat beside it with the model loaded (a prime never loads one). */
async function pageAndChat(): Promise<Page> {
  const page = await env.hearth.context.newPage();
  await page.goto(`${env.server.origin}/harbour.html`);
  await grantTab(env.hearth, page);
  const chat = await openChatWindow(env.hearth);
  await send(chat, 'Say hello.');
  await expect.poll(() => lastAnswer(chat).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
  await newChat(chat);
  return chat;
}

/** Tokens of a text by the loaded model's own tokenizer. */
const tokensOf = async (chat: Page, text: string) => (await command<{ tokens: number }>(chat, 'host', 'llm.countTokens', { text })).tokens;

describe('Ask about this page reads the page before the question', () => {
  it('primes the page when Ask opens; the first question then reuses the whole source block', async () => {
    const chat = await pageAndChat();
    const finished = (await hostStatus(chat)).primed ?? 0;
    await chat.getByRole('button', { name: 'Ask about this page' }).click();
    await expect.poll(() => chat.locator('[data-testid=ask-source]').first().textContent()).toMatch(/^This page · \d+ words/);
    // The host took the prime (the ask bar says which), and read it to its end.
    await expect.poll(() => chat.locator('.ask-bar').getAttribute('data-primed'), { timeout: 20_000 }).toMatch(/^ask:\d+:/);
    await expect.poll(async () => (await hostStatus(chat)).primed ?? 0, { timeout: 60_000 }).toBeGreaterThan(finished);

    await send(chat, QUESTION);
    await expect.poll(() => lastAnswer(chat).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const stats = (await storedLastStats(chat))!;
    // Everything before the question was read ahead: the page's words, the rules, the template around them.
    const pageText = await env.hearth.context.pages().find((p) => p.url().endsWith('/harbour.html'))!.evaluate(() => document.querySelector('article')!.textContent!);
    expect(stats.reusedTokens).toBeGreaterThanOrEqual(await tokensOf(chat, pageText));
    const questionTurn = await tokensOf(chat, `Question: ${QUESTION}\n\nAnswer from the sources above and cite them like [1].`);
    expect(stats.promptTokens - stats.reusedTokens!).toBeLessThanOrEqual(questionTurn + 16); // + the template's turn tokens
    await chat.close();
  });

  it('a follow-up question reuses the first question’s prompt and answer', async () => {
    const chat = await pageAndChat();
    await chat.getByRole('button', { name: 'Ask about this page' }).click();
    await expect.poll(() => chat.locator('[data-testid=ask-source]').count()).toBe(1);
    await send(chat, QUESTION);
    await expect.poll(() => lastAnswer(chat).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const first = (await storedLastStats(chat))!;
    await send(chat, 'Where do the gulls follow it?');
    await expect.poll(async () => (await chat.locator('[data-testid=msg-assistant]').count())).toBe(2);
    await expect.poll(() => lastAnswer(chat).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const second = (await storedLastStats(chat))!;
    // The whole first prompt (its sources block included) is the second's prefix: read once.
    expect(second.reusedTokens).toBeGreaterThanOrEqual(first.promptTokens - 2);
    await chat.close();
  });
});
