import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../helpers/launch';
import { fileRoute, startServer, type TestServer } from '../helpers/server';
import { makeSizedGguf } from '../helpers/make-sized-gguf.mjs';
import { chooseTinyModel } from '../helpers/summary';
import { lastAnswer, newChat } from '../helpers/popup';
import { grantTab, openChatWindow } from '../helpers/ask';
import { HARBOUR_PARAGRAPHS } from '../../lib/ask/testing/harbour-article';

// Question → first token of the answer, on a ~1,000-word page, with a model of SmolLM2-360M's real shape,
// quantization (Q8_0) and tokenizer (random weights: the answer is gibberish, the work is the real thing's),
// once the model is loaded (warm). The reference in the same run: a short plain chat question.
const dir = mkdtempSync(join(tmpdir(), 'hearth-ask-speed-'));
const sized = makeSizedGguf({ out: join(dir, 'smollm2-360m.gguf'), shape: 'smollm2-360m', quant: 'q8_0' });
const [TITLE, ...PARAGRAPHS] = readFileSync(new URL('../fixtures/article.txt', import.meta.url), 'utf8').trim().split(/\n\s*\n/);
const ALL = [...PARAGRAPHS, ...HARBOUR_PARAGRAPHS];
const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(TITLE!)}</title></head><body><article><h1>${esc(TITLE!)}</h1>${ALL.map((p) => `<p>${esc(p)}</p>`).join('')}</article></body></html>`;

let hearth: Hearth;
let server: TestServer;
let chat: Page;

beforeAll(async () => {
  server = await startServer({ '/sized.gguf': fileRoute(readFileSync(sized.out)), '/article.html': fileRoute(page, 'text/html; charset=utf-8') });
  hearth = await launchHearth();
  await chooseTinyModel(hearth, `${server.origin}/sized.gguf`);
  const tab = await hearth.context.newPage();
  await tab.goto(`${server.origin}/article.html`);
  await grantTab(hearth, tab);
  chat = await openChatWindow(hearth);
}, 300_000);
afterAll(async () => {
  await hearth?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Send `text` and time Enter → the answer's first text on screen; stop the answer there (the rest is gibberish). */
async function firstToken(text: string): Promise<{ ms: number; promptTokens: number }> {
  await chat.fill('#prompt', text);
  await chat.evaluate(() => {
    const w = window as unknown as { t0: number; t1: number | null };
    w.t1 = null;
    const box = document.querySelector('.messages')!;
    const seen = new MutationObserver(() => {
      const last = [...box.querySelectorAll('[data-testid=msg-assistant]')].at(-1);
      if (last?.getAttribute('data-status') === 'error') (window as unknown as { failed: string }).failed = last.textContent ?? 'error';
      if (last?.getAttribute('data-status') === 'streaming' && last.querySelector('.markdown')?.textContent?.trim()) {
        w.t1 = performance.now();
        seen.disconnect();
      }
    });
    seen.observe(box, { subtree: true, childList: true, characterData: true, attributes: true });
    w.t0 = performance.now();
  });
  await chat.locator('#prompt').press('Enter');
  await chat.waitForFunction(() => (window as unknown as { t1: number | null; failed?: string }).t1 !== null || (window as unknown as { failed?: string }).failed, undefined, { timeout: 600_000, polling: 50 });
  const failed = await chat.evaluate(() => (window as unknown as { failed?: string }).failed);
  if (failed) throw new Error(`The answer failed: ${failed}`);
  const ms = await chat.evaluate(() => (window as unknown as { t0: number; t1: number }).t1 - (window as unknown as { t0: number }).t0);
  console.log(`ask-speed: "${text}" first token after ${ms.toFixed(0)} ms`);
  await chat.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect.poll(() => lastAnswer(chat).getAttribute('data-status'), { timeout: 60_000 }).toMatch(/stopped|done/);
  const promptTokens = await chat.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((r) => { const o = indexedDB.open('hearth-chat', 1); o.onsuccess = () => r(o.result); });
    const all = await new Promise<{ updatedAt: number; messages: { role: string; stats?: { promptTokens: number } }[] }[]>((r) => {
      const q = db.transaction('conversations').objectStore('conversations').getAll();
      q.onsuccess = () => r(q.result);
    });
    return all.sort((a, b) => b.updatedAt - a.updatedAt)[0]!.messages.filter((m) => m.role === 'assistant').at(-1)?.stats?.promptTokens ?? -1;
  });
  return { ms, promptTokens };
}

describe('asking about a ~1,000-word page (SmolLM2-360M shape, Q8_0)', () => {
  it('answers from its passages; question → first token measured with the model warm', async () => {
    const words = ALL.join(' ').split(/\s+/).length;
    expect(words).toBeGreaterThan(950);
    const cold = await firstToken('Say hello.'); // loads the model (cold) and warms it
    console.log(`ask-speed: cold plain chat first token ${cold.ms.toFixed(0)} ms`);
    const plain = await firstToken('Say hello again.');
    console.log(`ask-speed: warm plain chat first token ${plain.ms.toFixed(0)} ms (${plain.promptTokens} prompt tokens)`);
    await newChat(chat);
    await chat.getByRole('button', { name: 'Ask about this page' }).click();
    await chat.locator('[data-testid=ask-source]').first().waitFor();
    const asks = [];
    for (const q of ['How much is a ferry ticket to Skellig Island?', 'Who won the council election?']) {
      asks.push(await firstToken(q));
      console.log(`ask-speed: ask first token ${asks.at(-1)!.ms.toFixed(0)} ms (${asks.at(-1)!.promptTokens} prompt tokens)`);
    }
    const passages = await chat.locator('[data-testid=ask-source-item]').count();
    expect(passages).toBeGreaterThan(0);
    console.log(`ask-speed: ${words} words; plain chat first token ${plain.ms.toFixed(0)} ms (${plain.promptTokens} prompt tokens); ` +
      asks.map((a, i) => `ask ${i + 1}: ${a.ms.toFixed(0)} ms (${a.promptTokens} prompt tokens)`).join('; '));
    for (const a of asks) expect(a.promptTokens).toBeGreaterThan(plain.promptTokens);
  }, 1_500_000);
});
