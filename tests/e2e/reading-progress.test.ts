import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';
import { chooseTinyModel, evaluateInPanel, panel, panelPart, selectText, summarizeWithShortcut, waitForSummary } from '../../testkit/browser/summary';
import { hostStatus, lastAnswer, openPopup, send } from '../../testkit/browser/popup';

// Bigger than the default tiny model so that reading a prompt takes a visible while (it reads ~1 token a character).
const SLOW = makeTinyLlamaGguf({ nEmbd: 256, nLayer: 4, nFf: 512, contextLength: 4096 });
// The first ~1,800 characters of the news fixture: one step for this model's 4,096-token context.
const ARTICLE = readFileSync(new URL('../fixtures/article.txt', import.meta.url), 'utf8').split('\n\n').slice(0, 4);
const escape = (s: string) => s.replace(/[&<>]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt' }[c]};`);
const page = () => `<!doctype html><meta charset="utf-8"><title>News</title><body><article id="story">${ARTICLE.map((p) => `<p>${escape(p)}</p>`).join('')}</article></body>`;

let hearth: Hearth;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ '/slow.gguf': fileRoute(SLOW), '/story.html': fileRoute(page(), 'text/html; charset=utf-8') });
  hearth = await launchHearth();
  await chooseTinyModel(hearth, `${server.origin}/slow.gguf`);
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

const READING = /^Reading (about )?[\d,]+( of [\d,]+)? tokens/;

/** A long answer from the popup that holds the loaded model until `release` stops it. */
async function holdTheModel() {
  const popup = await openPopup(hearth);
  await popup.evaluate(() => {
    const port = chrome.runtime.connect({ name: 'hearth:generate' });
    (window as unknown as { blocker: chrome.runtime.Port }).blocker = port;
    port.postMessage({ type: 'start', request: { input: { kind: 'completion', prompt: 'one two three' }, options: { temperature: 0, maxTokens: 3000 } } });
  });
  await expect.poll(async () => (await hostStatus(popup)).state, { timeout: 30_000 }).toBe('generating');
  return {
    async release() {
      await popup.evaluate(() => (window as unknown as { blocker: chrome.runtime.Port }).blocker.postMessage({ type: 'stop' }));
      await popup.close();
    },
  };
}

describe('what the user sees while the model reads', () => {
  it('the summary panel says how much it is reading, then streams; never "Loading the model…" once loaded', async () => {
    const tab = await hearth.context.newPage();
    await tab.goto(`${server.origin}/story.html`);
    // One timeline of what the panel shows: its status line and its summary text, in order. The panel's shadow root
    // is closed, so the recorder is put on it through the DevTools protocol as soon as the panel is there.
    const record = () =>
      evaluateInPanel(tab, (root) => {
        const w = window as unknown as { timeline: string[] };
        const note = () => {
          const status = `status:${root.querySelector('[data-testid=status]')?.textContent ?? ''}`;
          const summary = `summary:${root.querySelector('[data-testid=summary]')?.textContent ?? ''}`;
          if (!w.timeline.includes(status)) w.timeline.push(status);
          if (summary !== 'summary:' && !w.timeline.includes(summary)) w.timeline.push(summary);
        };
        note();
        new MutationObserver(note).observe(root, { childList: true, characterData: true, subtree: true, attributes: true });
      });
    const timeline = () => tab.evaluate(() => (window as unknown as { timeline: string[] }).timeline);

    for (const run of ['cold', 'warm']) {
      await tab.evaluate(() => ((window as unknown as { timeline: string[] }).timeline = []));
      // Warm, the model reads the short prompt in a moment, which could pass before the recorder is on the panel:
      // a long answer holds the model first, so the summary waits in the queue until the recorder is there.
      const blocker = run === 'warm' ? await holdTheModel() : null;
      // The warm run asks about other text: the KV cache holds the cold run's prompt, which would not be read again.
      await selectText(tab, run === 'cold' ? '#story' : '#story p:last-child');
      await summarizeWithShortcut(hearth, tab, 'selection');
      await panelPart(tab, 'status').waitFor();
      await record();
      await blocker?.release();
      const summary = await waitForSummary(tab, 180_000);
      expect(summary.length).toBeGreaterThan(0);
      const seen = await timeline();
      console.log(`${run}: ${seen.filter((s) => s.startsWith('status:')).join(' | ')}`);
      const firstReading = seen.findIndex((s) => READING.test(s.replace(/^status:/, '')));
      const firstText = seen.findIndex((s) => s.startsWith('summary:'));
      expect(firstReading, `${run}: ${JSON.stringify(seen)}`).toBeGreaterThanOrEqual(0);
      expect(firstReading).toBeLessThan(firstText);
      expect(seen.slice(firstReading).some((s) => s.startsWith('status:Loading the model'))).toBe(false);
      if (run === 'warm') {
        expect(seen.some((s) => s.startsWith('status:Loading the model'))).toBe(false);
        // The engine reports each batch it reads, and the rate gives the time left.
        expect(seen.some((s) => /^status:Reading .*tokens · (about [\d,]+ (s|min) left|almost done)$/.test(s)), JSON.stringify(seen)).toBe(true);
      }
      expect(await panel(tab).status()).toMatch(/^Read all [\d,]+ words\.$/); // in one step: no "in N parts"
      expect(await panelPart(tab, 'status').getAttribute('data-parts')).toBe('1');
    }
    await tab.close();
  });

  it('the chat says it is reading a long message before the answer streams', async () => {
    const popup = await openPopup(hearth);
    await popup.evaluate(() => {
      const w = window as unknown as { timeline: string[] };
      w.timeline = [];
      new MutationObserver(() => {
        const reading = document.querySelector('[data-testid=reading]')?.textContent;
        const answer = [...document.querySelectorAll('[data-testid=msg-assistant] .text')].at(-1)?.textContent?.trim();
        if (reading && !w.timeline.includes(`reading:${reading}`)) w.timeline.push(`reading:${reading}`);
        if (answer && !w.timeline.includes(`answer:${answer}`)) w.timeline.push(`answer:${answer}`);
      }).observe(document.body, { childList: true, characterData: true, subtree: true });
    });
    await send(popup, ARTICLE.join('\n\n'));
    await expect.poll(() => lastAnswer(popup).getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    const seen = await popup.evaluate(() => (window as unknown as { timeline: string[] }).timeline);
    const firstReading = seen.findIndex((s) => s.startsWith('reading:Reading'));
    expect(firstReading, JSON.stringify(seen)).toBeGreaterThanOrEqual(0);
    expect(firstReading, JSON.stringify(seen)).toBeLessThan(seen.findIndex((s) => s.startsWith('answer:')));
    expect(await popup.locator('[data-testid=reading]').count()).toBe(0); // gone once the answer is written
    await popup.close();
  });
});
