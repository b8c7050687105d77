import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type Route, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf, TINY_EXPECTED_AFTER_ONE_TWO_THREE } from '../../testkit/models/tiny-llama-gguf';
import { addModel, lastAnswer, modelFiles, newChat, openPopup, saveSettings, send, showView, storedLastAnswer } from '../../testkit/browser/popup';

// Item 6 of the hardening issue, with the browser's own quota figures: Chromium is told (DevTools protocol) that
// Hearth's origin may store only a little more than it already does, then a bigger model is downloaded. Hearth has
// unlimitedStorage, so Chromium itself would not stop the write (checked: it wrote 31 MB past a 4 MB quota); the
// cache stops at the space that was free when the download began.

const TINY = makeTinyLlamaGguf();
const BIG = makeTinyLlamaGguf({ nEmbd: 256, nLayer: 8, nFf: 1024 }); // ~30 MB

/** Sends the file without a Content-Length (chunked), so the size is only found out while saving. */
const chunkedRoute = (body: Buffer): Route => async (_req, res) => {
  res.setHeader('Content-Type', 'application/octet-stream');
  for (let i = 0; i < body.length; i += 1 << 20) res.write(body.subarray(i, i + (1 << 20)));
  res.end();
};

let hearth: Hearth;
let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    '/tiny.gguf': fileRoute(TINY),
    '/big.gguf': fileRoute(BIG),
    '/big-chunked.gguf': chunkedRoute(BIG),
  });
  hearth = await launchHearth();
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

const row = (page: Page, url: string) => page.locator(`[data-testid="model-url:${url}"]`);
const estimate = (page: Page) => page.evaluate(async () => ({ ...(await navigator.storage.estimate()) }) as { usage: number; quota: number });

describe('storage quota', () => {
  it('a model bigger than the storage left fails with a clear message, and the model already stored still works', async () => {
    const page = await openPopup(hearth);
    const tiny = `${server.origin}/tiny.gguf`;
    await addModel(page, tiny);
    await row(page, tiny).getByRole('button', { name: 'Download' }).click();
    await expect.poll(() => row(page, tiny).getAttribute('data-cached'), { timeout: 30_000 }).toBe('true');
    const stored = await modelFiles(page);
    expect(stored.length).toBe(2);

    const cdp = await hearth.context.newCDPSession(page);
    const { usage } = await estimate(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: `chrome-extension://${hearth.extensionId}`, quotaSize: usage + 4 * 2 ** 20 });
    expect((await estimate(page)).quota).toBe(usage + 4 * 2 ** 20);

    // The size is known up front: refused before a byte is written.
    const big = `${server.origin}/big.gguf`;
    await addModel(page, big);
    await row(page, big).getByRole('button', { name: 'Download' }).click();
    await expect.poll(() => row(page, big).locator('.error').textContent().catch(() => ''), { timeout: 30_000 }).toMatch(/needs \d+ MB but only \d+ MB of storage is free/);
    expect(await modelFiles(page)).toEqual(stored);

    // The size is not known up front: the download stops once it passes the space that was free.
    const chunked = `${server.origin}/big-chunked.gguf`;
    await addModel(page, chunked);
    await row(page, chunked).getByRole('button', { name: 'Download' }).click();
    await expect.poll(() => row(page, chunked).locator('.error').textContent().catch(() => ''), { timeout: 60_000 }).toMatch(/Storage ran out while saving/);
    expect(await row(page, chunked).getAttribute('data-cached')).toBe('false');
    expect(await modelFiles(page)).toEqual(stored);
    expect((await estimate(page)).usage).toBeLessThanOrEqual(usage + 2 ** 20);

    // Nothing already stored was lost: the small model is still cached and answers exactly, from the cache.
    const fetched = server.hits.filter((p) => p === '/tiny.gguf').length;
    await showView(page, 'Models');
    await row(page, tiny).getByRole('button', { name: 'Use' }).click();
    expect(await row(page, tiny).getAttribute('data-cached')).toBe('true');
    await saveSettings(page, { temperature: 0, systemPrompt: '' });
    await newChat(page);
    await send(page, 'one two three');
    await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect((await storedLastAnswer(page))?.content).toBe(TINY_EXPECTED_AFTER_ONE_TWO_THREE);
    expect(server.hits.filter((p) => p === '/tiny.gguf').length).toBe(fetched);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: `chrome-extension://${hearth.extensionId}` });
    await page.close();
  });
});
