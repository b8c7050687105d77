import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';
import { addModel, command, hostStatus, lastAnswer, newChat, openPopup, saveSettings, send, showView } from '../../testkit/browser/popup';
import { panelPart, summarizeWithShortcut } from '../../testkit/browser/summary';
import { articlePage } from '../../testkit/browser/summary-pages';
import { POPUP_SIZE, shoot } from '../../testkit/browser/shots';
import type { ModelSpec, ModelState } from '../../lib/messaging/protocol';

// No internet, made certain: every host but the local test server resolves to a closed port, so a curated model's
// download fails at once — and any download that starts shows up in the host's model state.
const OFFLINE = ['--host-resolver-rules=MAP * 127.0.0.1:1, EXCLUDE 127.0.0.1'];
// Counts without stopping: long answers, to overflow the popup's conversation.
const COUNTING = makeTinyLlamaGguf({ loop: true });

let hearth: Hearth;
let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    '/counting.gguf': fileRoute(COUNTING),
    '/article.html': fileRoute(articlePage(), 'text/html; charset=utf-8'),
  });
});
// A browser of its own for each test: a first run is a profile where no model was added and no download was tried
// (the host remembers a failed download, and an added model is the chosen one), whatever ran before.
beforeEach(async () => {
  hearth = await launchHearth({ args: OFFLINE });
});
afterEach(async () => {
  await hearth?.close();
});
afterAll(async () => {
  await server?.close();
});

async function popup(): Promise<Page> {
  const page = await openPopup(hearth);
  await page.setViewportSize(POPUP_SIZE);
  return page;
}
const stateOf = async (page: Page, model: ModelSpec) => (await command<ModelState[]>(page, 'host', 'models.list', { models: [model] }))[0]!;

describe('first run, with no model on the device', () => {
  it('Send starts no download: the offer says why, and the message stays in the box', async () => {
    const page = await popup();
    const offer = page.getByRole('region', { name: 'Download a model' });
    await offer.waitFor({ timeout: 60_000 });
    const chosen = (await hostStatus(page)).model!;
    await send(page, 'hello there');
    await page.getByTestId('first-run-nudge').waitFor();
    expect(await page.inputValue('#prompt')).toBe('hello there');
    expect(await page.locator('[data-testid^=msg-]').count()).toBe(0);
    // The host has answered a request sent after Send's, and has no generation waiting, loading or running: a
    // download started by Send (directly or by a generation loading the model) would show now.
    const after = await hostStatus(page);
    expect([after.queued, after.state]).toEqual([0, expect.not.stringMatching(/^(loading|generating)$/)]);
    expect((await stateOf(page, chosen)).download).toBeUndefined();
    expect(await offer.textContent()).toMatch(/one-time [\d,.]+ MB download\. After that it works offline\./);
    await shoot(page, 'first-run-send');
    await page.close();
  });

  it("the offer's Download shows its error in the offer, once, and offers to try again", async () => {
    const page = await popup();
    const offer = page.getByRole('region', { name: 'Download a model' });
    await offer.getByRole('button', { name: /^Download / }).click({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('first-run-error').textContent().catch(() => ''), { timeout: 30_000 }).not.toBe('');
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await offer.getByRole('alert').count()).toBe(1);
    expect(await offer.getByRole('button', { name: 'Try the download again' }).count()).toBe(1);
    await shoot(page, 'first-run-error');
    await page.close();
  });

  it('a page summary says the model is missing, and its Download button starts that download and shows its error there', async () => {
    const page = await hearth.context.newPage();
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.goto(`${server.origin}/article.html`);
    await summarizeWithShortcut(hearth, page, 'page');
    await panelPart(page, 'model-needed').waitFor();
    expect(await panelPart(page, 'status').getAttribute('data-phase')).toBe('needs-model');
    expect(await panelPart(page, 'download-model').textContent()).toMatch(/^Download .+ \([\d,.]+ MB\)$/);
    expect(await panelPart(page, 'error').count()).toBe(0); // not "No model is chosen yet"
    await shoot(page, 'summary-needs-model');
    await panelPart(page, 'download-model').click();
    await expect.poll(() => panelPart(page, 'model-error').textContent(), { timeout: 30_000 }).toBeTruthy();
    expect(await panelPart(page, 'panel').count()).toBe(1);
    const alerts = await panelPart(page, 'model-error').count();
    expect(alerts).toBe(1);
    expect(await panelPart(page, 'download-model').textContent()).toBe('Try the download again');
    await shoot(page, 'summary-download-error');
    await page.close();
  });

  it('a model whose address cannot be reached is refused when added, and the current model stays', async () => {
    const page = await popup();
    const before = (await hostStatus(page)).model!.id;
    await showView(page, 'Models');
    for (const url of ['http://127.0.0.1:1/model.gguf', 'https://models.invalid/model.gguf']) {
      await page.fill('#model-url', url);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect.poll(() => page.getByRole('alert').textContent().catch(() => ''), { timeout: 20_000 }).toMatch(/Could not reach .+ Check the address/);
      expect(await page.locator(`[data-testid="model-url:${url}"]`).count()).toBe(0);
      expect((await hostStatus(page)).model!.id).toBe(before);
      expect(await page.inputValue('#model-url')).toBe(url);
    }
    await shoot(page, 'models-unreachable');
    await page.close();
  });
});

describe('the conversation', () => {
  it('follows each answer to its last line: the Copy button and the stats are in view when it ends', async () => {
    const page = await popup();
    await addModel(page, `${server.origin}/counting.gguf`);
    await saveSettings(page, { temperature: 0, systemPrompt: '', maxTokens: 80 });
    await newChat(page);
    for (let i = 0; i < 3; i++) {
      await send(page, 'one two three');
      // The new answer, not the one before it (which is already done), and its Copy row drawn.
      await expect.poll(() => page.locator('[data-testid=msg-assistant]').count()).toBe(i + 1);
      await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
      await expect.poll(() => lastAnswer(page).locator('.msg-actions').count()).toBe(1);
      const look = () => page.evaluate(() => {
        const list = document.querySelector('.messages')!.getBoundingClientRect();
        const actions = [...document.querySelectorAll('[data-testid=msg-assistant]')].at(-1)!.querySelector('.msg-actions')!.getBoundingClientRect();
        return { overflows: document.querySelector('.messages')!.scrollHeight > list.height + 1, inView: actions.top >= list.top - 1 && actions.bottom <= list.bottom + 1 && actions.bottom <= innerHeight };
      });
      // The list follows the answer once it has laid out its last row (a frame or two on a loaded machine).
      await expect.poll(async () => (await look()).inView, { timeout: 5_000 }).toBe(true);
      const seen = await look();
      expect(seen.inView).toBe(true);
      if (i === 2) expect(seen.overflows).toBe(true); // the check means something: the list does scroll
    }
    expect(await lastAnswer(page).getByRole('button', { name: 'Copy' }).isVisible()).toBe(true);
    expect(await lastAnswer(page).textContent()).toMatch(/\d+ tokens · [\d.]+ tok\/s/);
    await shoot(page, 'chat-after-answer');
    await page.close();
  });
});
