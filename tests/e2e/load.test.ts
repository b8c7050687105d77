import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf, TINY_WORDS } from '../../testkit/models/tiny-llama-gguf';
import { addModel, generateOnPorts, hostStatus, lastAnswer, newChat, openPopup, saveSettings, send, sendFromPage, storedLastAnswer } from '../../testkit/browser/popup';
import { evaluateInPanel, panel, summarizeWithShortcut } from '../../testkit/browser/summary';
import { MAX_QUEUED_GENERATIONS } from '../../lib/llm/host/llm-host';

// A counting model that loops: every answer is the count from " one" (or on from the prompt's last number
// word), exactly as long as its token limit, so each of many concurrent answers is known in advance.
const count = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ` ${TINY_WORDS[(from + i) % TINY_WORDS.length]}`).join('');
const SUMMARY_TOKENS = 320; // a medium summary (lib/summarize/prompt.ts) with a 2,048-token context
const CHAT_TOKENS = 60;

let hearth: Hearth;
let server: TestServer;
let popup: Page;

const article = (n: number) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article ${n}</title></head><body><article><h1>Article ${n}</h1>${Array.from(
    { length: 6 },
    (_, i) => `<p>Article ${n}, paragraph ${i}: the tide comes in twice a day, and the harbour fills with boats that wait for it.</p>`,
  ).join('')}</article></body></html>`;

beforeAll(async () => {
  const routes: Record<string, ReturnType<typeof fileRoute>> = {
    // Big enough that an answer takes a while on the CPU engine, so requests really queue behind it.
    '/counting.gguf': fileRoute(makeTinyLlamaGguf({ loop: true, contextLength: 2048, nEmbd: 384, nLayer: 8, nFf: 1536 })),
  };
  for (let n = 1; n <= 5; n++) routes[`/article-${n}.html`] = fileRoute(article(n), 'text/html; charset=utf-8');
  server = await startServer(routes);
  // Precise heap figures, and gc() in the host, so the memory check measures what is kept, not garbage.
  hearth = await launchHearth({ args: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] });
  popup = await openPopup(hearth);
  await addModel(popup, `${server.origin}/counting.gguf`);
  await saveSettings(popup, { temperature: 0, systemPrompt: '', maxTokens: CHAT_TOKENS });
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

/** Record, in the page, each phase its (new) summary panel shows and when (the page's clock is the browser's). */
async function watchPanel(page: Page) {
  await evaluateInPanel(page, (root) => {
    const w = window as unknown as { phases: Array<{ phase: string; text: string; at: number }> };
    w.phases = [];
    const seen = () => {
      const status = root.querySelector('[data-testid=status]');
      const phase = status?.getAttribute('data-phase') ?? '';
      const text = status?.textContent ?? '';
      const last = w.phases.at(-1);
      if (phase && (last?.phase !== phase || (phase === 'queued' && last.text !== text))) w.phases.push({ phase, text, at: Date.now() });
    };
    seen();
    new MutationObserver(seen).observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
  });
}
const phasesOf = (page: Page) => page.evaluate(() => (window as unknown as { phases: Array<{ phase: string; text: string; at: number }> }).phases);

/** Fire `n` raw completions at once from an extension page; each settles with its text or its error. */
const burst = (page: Page, n: number, maxTokens: number) =>
  generateOnPorts(page, Array.from({ length: n }, () => ({ input: { kind: 'completion' as const, prompt: 'one two three' }, options: { temperature: 0, maxTokens } })));

describe('load', () => {
  it('five tabs summarizing at once plus a chat: all finish, in the order asked, with nothing lost', async () => {
    const tabs: Page[] = [];
    for (let n = 1; n <= 5; n++) {
      const page = await hearth.context.newPage();
      await page.goto(`${server.origin}/article-${n}.html`);
      tabs.push(page);
    }
    const asked: string[] = [];
    const ask = async (i: number) => {
      await summarizeWithShortcut(hearth, tabs[i]!, 'page');
      await watchPanel(tabs[i]!); // the panel's root is closed: watched from the moment it is there
      // Its request is in the host's queue once the panel leaves "connecting".
      await expect.poll(() => panel(tabs[i]!).phase(), { timeout: 30_000 }).not.toBe('connecting');
      asked.push(`tab ${i + 1}`);
    };
    await ask(0);
    await ask(1);
    await ask(2);
    await popup.bringToFront();
    await newChat(popup);
    await popup.evaluate(() => {
      // When the chat's answer is marked done, by the page's clock (as the tabs' panels are timed).
      const w = window as unknown as { chatDoneAt?: number };
      new MutationObserver(() => {
        if (!w.chatDoneAt && document.querySelector('[data-testid=msg-assistant][data-status=done]')) w.chatDoneAt = Date.now();
      }).observe(document.body, { subtree: true, attributes: true, childList: true });
    });
    await send(popup, 'Tell me a story.');
    await expect.poll(() => popup.getByTestId('waiting').textContent(), { timeout: 30_000 }).toMatch(/^Waiting for \d+ other requests? to finish…$/);
    asked.push('chat');
    await ask(3);
    await ask(4);

    const doneAt: Record<string, number> = {};
    for (const [i, page] of tabs.entries()) {
      await expect.poll(() => panel(page).phase(), { timeout: 300_000, interval: 500 }).toBe('done');
      expect(await panel(page).summary()).toBe(count(SUMMARY_TOKENS));
      const phases = await phasesOf(page);
      doneAt[`tab ${i + 1}`] = phases.find((p) => p.phase === 'done')!.at;
      // Every tab after the first really waited for the ones before it.
      if (i > 0) expect(phases.map((p) => p.text)).toContainEqual(expect.stringMatching(/^Waiting for \d+ other requests? to finish…$/));
    }
    // The last tab was told its place again each time the line moved, down to "1 other request".
    const places = (await phasesOf(tabs[4]!)).filter((p) => p.phase === 'queued').map((p) => Number(/Waiting for (\d+)/.exec(p.text)![1]));
    expect(places.at(-1)).toBe(1);
    expect(places).toEqual([...places].sort((x, y) => y - x));
    expect(places.length).toBeGreaterThan(2);
    await expect.poll(() => lastAnswer(popup).getAttribute('data-status'), { timeout: 300_000 }).toBe('done');
    expect(await storedLastAnswer(popup)).toEqual({ content: count(CHAT_TOKENS), status: 'done' });
    doneAt.chat = await popup.evaluate(() => (window as unknown as { chatDoneAt: number }).chatDoneAt);
    const finished = Object.entries(doneAt).sort((a, b) => a[1] - b[1]).map(([k]) => k);
    expect(finished).toEqual(asked);
    console.log(`load: finished in order ${finished.join(' → ')}; the last tab waited as ${places.join(' → ')} ahead; 5 summaries of ${SUMMARY_TOKENS} tokens and a chat of ${CHAT_TOKENS} in ${((Math.max(...Object.values(doneAt)) - (await phasesOf(tabs[0]!))[0]!.at) / 1000).toFixed(1)} s`);
    for (const page of tabs) await page.close();
  });

  it('200 quick requests: every one answered, the host heap stays flat, and the extension answers throughout', async () => {
    await burst(popup, 4, 2); // warm up: model loaded, code paths compiled
    const before = (await hostStatus(popup)).memory!.jsHeapUsedBytes;
    const texts: string[] = [];
    const statusMs: number[] = [];
    for (let wave = 0; wave < 10; wave++) {
      const answers = burst(popup, 20, 2);
      // While the wave runs, the popup's commands are still answered, by the host and the worker.
      const t0 = Date.now();
      const [status, worker] = await Promise.all([hostStatus(popup), sendFromPage(popup, 'background', 'host.ensure')]);
      statusMs.push(Date.now() - t0);
      expect(worker.ok).toBe(true);
      expect(status.queued).toBeLessThanOrEqual(20);
      for (const a of await answers) texts.push(a.text ?? `error: ${a.error?.message}`);
    }
    expect(texts).toEqual(Array.from({ length: 200 }, () => count(2, 3)));
    const after = await hostStatus(popup);
    expect(after.queued).toBe(0);
    const growthMb = (after.memory!.jsHeapUsedBytes - before) / 2 ** 20;
    console.log(
      `load: 200 requests in 10 waves of 20; host heap ${(before / 2 ** 20).toFixed(2)} → ${(after.memory!.jsHeapUsedBytes / 2 ** 20).toFixed(2)} MB; ` +
        `status answered mid-wave in ${Math.min(...statusMs)}–${Math.max(...statusMs)} ms`,
    );
    expect(growthMb).toBeLessThan(2);
  });

  it('more requests at once than the host will queue: the rest are turned away at once with a clear message, and it recovers', async () => {
    const before = await hostStatus(popup);
    const results = await burst(popup, 200, 2);
    const answered = results.filter((r) => r.text !== undefined);
    const refused = results.filter((r) => r.error);
    expect(answered.length).toBeGreaterThanOrEqual(MAX_QUEUED_GENERATIONS);
    expect(refused.length).toBeGreaterThan(0);
    expect(answered.length + refused.length).toBe(200);
    for (const a of answered) expect(a.text).toBe(count(2, 3));
    for (const r of refused) {
      expect(r.error!.code).toBe('busy');
      expect(r.error!.message).toMatch(/^Hearth is busy: \d+ requests are already waiting for the model\. Try again when they have finished\.$/);
    }
    const after = await hostStatus(popup);
    expect(after.busy - before.busy).toBe(refused.length);
    expect(after.queued).toBe(0);
    console.log(`load: 200 at once → ${answered.length} answered, ${refused.length} turned away (queue limit ${MAX_QUEUED_GENERATIONS})`);
    // The chat works straight after.
    await newChat(popup);
    await send(popup, 'And another one.');
    await expect.poll(() => storedLastAnswer(popup), { timeout: 60_000 }).toEqual({ content: count(CHAT_TOKENS), status: 'done' });
  });

  it('Stop on a chat answer still waiting for its turn takes effect at once', async () => {
    const long = burst(popup, 1, 1800); // a long answer holds the model
    await newChat(popup);
    await send(popup, 'Wait for it.');
    await expect.poll(() => popup.getByTestId('waiting').textContent(), { timeout: 30_000 }).toBe('Waiting for 1 other request to finish…');
    await popup.locator('button.stop').click();
    await expect.poll(() => lastAnswer(popup).getAttribute('data-status'), { timeout: 10_000 }).toBe('stopped');
    expect((await hostStatus(popup)).state).toBe('generating'); // the long answer is still being written
    expect((await long)[0]!.text).toBe(count(1800, 3));
    expect(await storedLastAnswer(popup)).toEqual({ content: '', status: 'stopped' });
    expect(await lastAnswer(popup).textContent()).toContain('Stopped.');
  });
});
