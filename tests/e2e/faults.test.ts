import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf, TINY_EXPECTED_AFTER_ONE_TWO_THREE } from '../../testkit/models/tiny-llama-gguf';
import { addModel, lastAnswer, newChat, openPopup, saveSettings, send, storedLastAnswer } from '../../testkit/browser/popup';
import { panel, panelPart, summarizeWithShortcut } from '../../testkit/browser/summary';
import { articlePage } from '../../testkit/browser/summary-pages';

let hearth: Hearth;
let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    '/counting.gguf': fileRoute(makeTinyLlamaGguf({ loop: true, nEmbd: 256, nLayer: 8, nFf: 1024, nCtx: 4096 })),
    '/tiny.gguf': fileRoute(makeTinyLlamaGguf()),
    '/article.html': fileRoute(articlePage(), 'text/html; charset=utf-8'),
  });
  hearth = await launchHearth();
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

const words = (s: string | null) => (s ?? '').replace(/^Hearth/, '').trim().split(/\s+/).filter(Boolean).length;

describe('faults', () => {
  it('the model host closed mid-answer: a clear error, and the next message recreates the host and works', async () => {
    const page = await openPopup(hearth);
    await addModel(page, `${server.origin}/counting.gguf`);
    await saveSettings(page, { temperature: 0, systemPrompt: '', maxTokens: 2000 });
    await send(page, 'one two three');
    await expect.poll(async () => words(await lastAnswer(page).textContent()), { timeout: 60_000 }).toBeGreaterThan(10);
    await hearth.sw.evaluate(() => chrome.offscreen.closeDocument());
    await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 10_000 }).toBe('error');
    expect(await lastAnswer(page).locator('.error').textContent()).toMatch(/model stopped unexpectedly.*Try again/);

    await addModel(page, `${server.origin}/tiny.gguf`);
    await newChat(page);
    await send(page, 'one two three');
    await expect.poll(() => storedLastAnswer(page), { timeout: 60_000 }).toEqual({ content: TINY_EXPECTED_AFTER_ONE_TWO_THREE, status: 'done' });
    await page.close();
  });

  it('the service worker stopped mid-answer (as Chrome does when idle): the answer goes on, and the next one works', async () => {
    const page = await openPopup(hearth);
    await addModel(page, `${server.origin}/counting.gguf`);
    await saveSettings(page, { maxTokens: 400 });
    await newChat(page);
    await send(page, 'one two three');
    await expect.poll(async () => words(await lastAnswer(page).textContent()), { timeout: 60_000 }).toBeGreaterThan(10);
    const cdp = await hearth.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(words((await storedLastAnswer(page))!.content)).toBe(400);

    await addModel(page, `${server.origin}/tiny.gguf`); // talks to the (restarted) worker first
    await newChat(page);
    await send(page, 'one two three');
    await expect.poll(() => storedLastAnswer(page), { timeout: 60_000 }).toEqual({ content: TINY_EXPECTED_AFTER_ONE_TWO_THREE, status: 'done' });
    await page.close();
  });

  it('the model host closed mid-summary: the panel says so, and Summarize again brings the whole summary', async () => {
    const popup = await openPopup(hearth);
    await addModel(popup, `${server.origin}/counting.gguf`); // loops: a medium summary is exactly 320 words
    await popup.close();
    const page = await hearth.context.newPage();
    await page.goto(`${server.origin}/article.html`);
    await summarizeWithShortcut(hearth, page, 'page');
    await expect.poll(async () => words(await panel(page).summary()), { timeout: 60_000 }).toBeGreaterThan(10);
    await hearth.sw.evaluate(() => chrome.offscreen.closeDocument());
    await expect.poll(() => panel(page).phase(), { timeout: 10_000 }).toBe('error');
    expect(await panelPart(page, 'error').textContent()).toMatch(/model stopped unexpectedly.*Try again/);
    expect(await panel(page).status()).toBe('The summary was cut off; what was written is kept above.');
    expect(words(await panel(page).summary())).toBeGreaterThan(10);
    await panelPart(page, 'again').click();
    const seen: string[] = []; // what the panel showed after the click, for the failure message
    await expect
      .poll(async () => {
        const t = `${await panel(page).phase()}: ${await panel(page).status()}`;
        if (seen.at(-1) !== t) seen.push(t);
        return (await panel(page).phase()) === 'done';
      }, { timeout: 180_000 })
      .toBe(true);
    const summary = (await panel(page).summary()) ?? '';
    expect(words(summary), seen.join(' → ')).toBe(320);
    expect(summary.startsWith(' one two three four')).toBe(true);
    await page.close();
  });
});
