import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeSizedGguf } from '../../testkit/models/sized-gguf';
import { chooseTinyModel } from '../../testkit/browser/summary';
import { hostStatus, lastAnswer, newChat, send } from '../../testkit/browser/popup';
import { grantTab, openChatWindow, storedPassages } from '../../testkit/browser/ask';
import { HARBOUR_PARAGRAPHS } from '../fixtures/harbour-article';

// A question asked as soon as "Ask about this page" opens, on a model that reads at a real model's speed (the
// Qwen2.5-0.5B shape, all 24 layers, Q4_0, its real tokenizer: about 130 prompt tokens/s on two quiet cores, so the
// ~1,700-token page takes over 10 s): it is answered at once from the passages that match it, the chat says so, and
// the page is read on for the next question (lib/ask/read-ahead.ts).
const dir = mkdtempSync(join(tmpdir(), 'hearth-read-ahead-'));
const sized = makeSizedGguf({ out: join(dir, 'qwen2.5-0.5b-q4_0.gguf'), shape: 'qwen2.5-0.5b', quant: 'q4_0' });
const [TITLE, ...ARTICLE] = readFileSync(new URL('../fixtures/article.txt', import.meta.url), 'utf8').trim().split(/\n\s*\n/);
const PARAGRAPHS = [...ARTICLE, ...HARBOUR_PARAGRAPHS];
const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(TITLE!)}</title></head><body><article><h1>${esc(TITLE!)}</h1>${PARAGRAPHS.map((p) => `<p>${esc(p)}</p>`).join('')}</article></body></html>`;

let hearth: Hearth;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ '/model.gguf': fileRoute(readFileSync(sized.out)), '/page.html': fileRoute(page, 'text/html; charset=utf-8') });
  hearth = await launchHearth();
  await chooseTinyModel(hearth, `${server.origin}/model.gguf`);
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a question asked before the page is read', () => {
  it('is answered at once from the passages that match it, says so, and the page is read on', async () => {
    const tab = await hearth.context.newPage();
    await tab.goto(`${server.origin}/page.html`);
    await grantTab(hearth, tab);
    const chat = await openChatWindow(hearth);
    // Load the model, and give the host a measured reading speed for it (what a question's layout is planned with).
    await send(chat, 'Say hello to the harbour, please, in a few words.');
    await expect.poll(() => lastAnswer(chat).getAttribute('data-status'), { timeout: 240_000 }).toMatch(/done|stopped/);
    await newChat(chat);

    await chat.getByRole('button', { name: 'Ask about this page' }).click();
    await expect.poll(() => chat.locator('[data-testid=ask-source]').first().textContent(), { timeout: 60_000 }).toMatch(/^This page · /);
    await expect.poll(() => chat.locator('.ask-bar').getAttribute('data-primed'), { timeout: 60_000 }).toMatch(/^ask:/);
    await send(chat, 'When do the geese arrive?');
    const notice = chat.locator('.notice');
    await expect.poll(() => notice.textContent(), { timeout: 60_000 }).toMatch(/^Answered at once from .* match(es)? the question \(of (\d+)\); Hearth is reading the rest for your next question\.$/);
    const total = Number(/\(of (\d+)\)/.exec((await notice.textContent())!)![1]);
    const given = await storedPassages(chat);
    expect(given.length).toBeLessThan(total);
    expect(given.some((p) => /geese/i.test(p.text))).toBe(true); // the passage that answers, from the page's second half
    await chat.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => lastAnswer(chat).getAttribute('data-status'), { timeout: 120_000 }).toMatch(/done|stopped/);
    // Then the page is read on, for the next question (a prime after the answer: the host counts what primes read).
    const readBefore = (await hostStatus(chat)).primeReadTokens ?? 0;
    await expect.poll(async () => (await hostStatus(chat)).primeReadTokens ?? 0, { timeout: 120_000 }).toBeGreaterThan(readBefore);
  }, 600_000);
});
