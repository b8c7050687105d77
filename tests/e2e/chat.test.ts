import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf, TINY_EXPECTED_AFTER_ONE_TWO_THREE, TINY_WORDS } from '../../testkit/models/tiny-llama-gguf';
import { CURATED_MODELS, pickDefaultModel } from '../../lib/llm/models';
import type { ModelSpeeds } from '../../lib/messaging/protocol';
import { addModel, attachToJob, command, lastAnswer, newChat, openPopup, saveSettings, send, showView, storedLastAnswer } from '../../testkit/browser/popup';

// A counting model that never stops by itself: after "one two three" it writes " four … twenty one two …"
// until the token limit, so long answers are exactly predictable. Bigger than the default so it is slower.
const COUNTING = makeTinyLlamaGguf({ loop: true, nEmbd: 256, nLayer: 8, nFf: 1024, nCtx: 4096 });
const countingAnswer = (tokens: number) =>
  Array.from({ length: tokens }, (_, i) => ` ${TINY_WORDS[(i + 3) % TINY_WORDS.length]}`).join('');

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '[click](javascript:window.__pwned=3)',
  '<svg onload="window.__pwned=4">',
  '&lt;b&gt;entity&amp;',
];

let hearth: Hearth;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    '/tiny.gguf': fileRoute(makeTinyLlamaGguf()),
    '/counting.gguf': fileRoute(COUNTING),
    '/hostile.gguf': fileRoute(makeTinyLlamaGguf({ words: HOSTILE })),
    '/tiny-2k.gguf': fileRoute(makeTinyLlamaGguf({ nCtx: 2048 })),
  });
  hearth = await launchHearth();
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

/**
 * Each test sets up what it relies on (its model, its settings, a new chat) and counts only what it made itself,
 * so any one of them can run alone (`-t`) or in another order.
 */
async function setUp(page: Page, model: string, settings: { temperature?: number; systemPrompt?: string; maxTokens: number }) {
  await addModel(page, `${server.origin}/${model}`);
  await saveSettings(page, { temperature: 0, systemPrompt: '', ...settings });
  await newChat(page);
}
/** How many conversations the History view lists (it stays open; `send` goes back to the chat). */
async function conversationCount(page: Page): Promise<number> {
  await showView(page, 'History');
  await page.locator('.conversations').or(page.getByText('No conversations yet.')).first().waitFor();
  return page.locator('.conversations li').count();
}

const words = (s: string | null) => (s ?? '').replace(/^Hearth/, '').trim().split(/\s+/).filter(Boolean).length;

/** The popup of a browser where nothing was added or downloaded: a download offer, by this device's speed, no error. */
async function firstDownloadStep(hearth: Hearth) {
  const page = await openPopup(hearth);
  const step = page.getByRole('region', { name: 'Download a model' });
  // The offer is the largest curated CPU model that runs usably fast on this device, by its measured speed.
  await expect.poll(() => step.textContent(), { timeout: 30_000 }).toMatch(/Download .+ \(CPU\) \([\d,.]+ MB\)/);
  const speeds = await command<ModelSpeeds>(page, 'host', 'llm.speeds', {});
  const expected = pickDefaultModel({ engine: 'cpu', reason: '' }, CURATED_MODELS, speeds.device ?? undefined);
  expect(await step.textContent()).toContain(`Download ${expected.label}`);
  expect(await page.locator('.error').count()).toBe(0);
  await page.close();
}

describe('popup chat', () => {
  it('offers a clear first download step, not an error, when nothing is cached', async () => {
    // A browser of its own: in this file's shared one, another test may have added (and so chosen) a model.
    const fresh = await launchHearth();
    try {
      await firstDownloadStep(fresh);
    } finally {
      await fresh.close();
    }
  });

  it('stops mid-answer at once and keeps the text so far', async () => {
    const page = await openPopup(hearth);
    await setUp(page, 'counting.gguf', { maxTokens: 2000 });
    await send(page, 'one two three');
    await expect.poll(async () => words(await lastAnswer(page).textContent()), { timeout: 60_000 }).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => lastAnswer(page).getAttribute('data-status')).toBe('stopped');
    // The host's last write of the answer is the one that marks it stopped.
    await expect.poll(async () => (await storedLastAnswer(page))?.status).toBe('stopped');
    const stopped = await storedLastAnswer(page);
    // The host has ended the job (attaching to it gives its text and its end, nothing live), so nothing more is written.
    const job = await attachToJob(page, (await lastAnswer(page).getAttribute('data-id'))!);
    expect(job[0]).toEqual({ type: 'snapshot', text: stopped!.content });
    expect(job.map((m) => m.type)).toEqual(['snapshot', expect.stringMatching(/^(done|error)$/)]);
    expect(await storedLastAnswer(page)).toEqual(stopped);
    const n = words(stopped!.content);
    expect(n).toBeLessThan(2000);
    expect(stopped!.content).toBe(countingAnswer(n));
    await page.close();
  });

  it('keeps generating while the popup is closed, and shows history and the answer again on reopening', async () => {
    let page = await openPopup(hearth);
    await setUp(page, 'counting.gguf', { maxTokens: 300 });
    const before = await conversationCount(page);
    await send(page, 'one two three');
    await expect.poll(async () => words(await lastAnswer(page).textContent()), { timeout: 60_000 }).toBeGreaterThan(5);
    const written = words(await lastAnswer(page).textContent());
    await page.close();
    // With no page open, the answer still grows where it is stored (the worker reads the same database).
    await expect.poll(async () => words((await storedLastAnswer(hearth.sw))?.content ?? ''), { timeout: 60_000 }).toBeGreaterThan(written);

    page = await openPopup(hearth);
    await expect.poll(() => page.locator('[data-testid=msg-user] .text').last().textContent()).toBe('one two three');
    await expect.poll(async () => words(await lastAnswer(page).textContent()), { timeout: 10_000 }).toBeGreaterThan(written);
    await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    expect(await storedLastAnswer(page)).toEqual({ content: countingAnswer(300), status: 'done' });
    // The history lists this conversation (one more than before), as the current one.
    expect(await conversationCount(page)).toBe(before + 1);
    expect(await page.locator('.conversations li.current').textContent()).toContain('one two three');
    await page.close();
  });

  it('regenerates the same greedy answer, and exports the conversation as Markdown', async () => {
    const page = await openPopup(hearth);
    await setUp(page, 'tiny.gguf', { maxTokens: 512 });
    await send(page, 'one two three');
    await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const oldId = await lastAnswer(page).getAttribute('data-id');
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await expect.poll(async () => (await lastAnswer(page).getAttribute('data-id')) !== oldId && (await lastAnswer(page).getAttribute('data-status')), { timeout: 60_000 }).toBe('done');
    expect(await storedLastAnswer(page)).toEqual({ content: TINY_EXPECTED_AFTER_ONE_TWO_THREE, status: 'done' });
    expect(await page.locator('[data-testid=msg-assistant]').count()).toBe(1); // replaced, not added
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    const text = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8'));
    expect(text).toContain('## You\n\none two three');
    expect(text).toContain(`## Hearth\n\n${TINY_EXPECTED_AFTER_ONE_TWO_THREE}`);
    await page.close();
  });

  it('renders hostile model output inert', async () => {
    const page = await openPopup(hearth);
    await setUp(page, 'hostile.gguf', { maxTokens: 512 });
    await send(page, 'hello');
    await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect((await storedLastAnswer(page))?.content).toBe(HOSTILE.map((w) => ` ${w}`).join(''));
    // The browser has had its chance to run a handler: an image with the same broken address, made after the answer
    // was drawn, has failed to load (an injected <img onerror> would have fired by then; <svg onload> fires at once).
    expect(await page.evaluate(() => new Promise((resolve) => Object.assign(new Image(), { onerror: () => resolve('error'), onload: () => resolve('load'), src: 'x' })))).toBe('error');
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    const answer = lastAnswer(page).locator('.markdown');
    expect(await answer.locator('img, script, svg, iframe').count()).toBe(0);
    for (const href of await answer.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      expect(href ?? '').not.toMatch(/^javascript:/i);
    }
    expect(await answer.textContent()).toContain('<img src=x onerror="window.__pwned=1">');
    await page.close();
  });

  it('leaves the oldest turns out when the conversation outgrows the context, and says so', async () => {
    const page = await openPopup(hearth);
    await setUp(page, 'tiny-2k.gguf', { maxTokens: 512 }); // its file says it was trained on 2,048 tokens
    const long = 'one two three '.repeat(215) + 'one two three'; // about 1,000 estimated tokens each
    await send(page, long);
    await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await page.locator('.notice').count()).toBe(0);
    await send(page, long);
    await expect.poll(() => page.locator('.notice').textContent()).toBe("2 earlier messages were left out to fit the model's context.");
    await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect((await storedLastAnswer(page))?.content).toBe(TINY_EXPECTED_AFTER_ONE_TWO_THREE);
    await page.close();
  });

  it('offers the same chat, with its history, in the side panel', async () => {
    const popup = await openPopup(hearth);
    await setUp(popup, 'tiny.gguf', { maxTokens: 512 });
    const before = await conversationCount(popup);
    await send(popup, 'side panel check: one two three');
    await expect.poll(() => lastAnswer(popup).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    await popup.close();
    const page = await openPopup(hearth, 'sidepanel.html');
    // The conversation made in the popup, open in the side panel, and the same history list.
    await expect.poll(() => page.locator('[data-testid=msg-user] .text').last().textContent()).toBe('side panel check: one two three');
    expect(await storedLastAnswer(page)).toEqual({ content: TINY_EXPECTED_AFTER_ONE_TWO_THREE, status: 'done' });
    await expect.poll(() => lastAnswer(page).textContent()).toContain(TINY_EXPECTED_AFTER_ONE_TWO_THREE.trim());
    expect(await conversationCount(page)).toBe(before + 1);
    await page.close();
  });
});
