import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';
import { addModel, lastAnswer, newChat, openPopup, send, showView } from '../../testkit/browser/popup';
import { netLogArgs, readNetLog, type NetRequest } from '../../testkit/browser/netlog';
import { selectText, summarizeWithShortcut, waitForSummary } from '../../testkit/browser/summary';
import { fakeCameraArgs, poseY4m } from '../../testkit/pose/pose-video';
import { framesDrawn, openOverlay } from '../../testkit/browser/pose-overlay';
import { pressCommand } from '../../testkit/browser/shortcut';
import { evaluateInHearthWorld } from '../../testkit/browser/isolated-world';
import { highlighted, openChatWindow } from '../../testkit/browser/ask';

/** Where Hearth may download models from. The local test server stands in for them here. */
const MODEL_HOSTS = ['huggingface.co', 'raw.githubusercontent.com'];

let hearth: Hearth;
let server: TestServer;
/** Another origin: anything sent here is a leak (the control request below goes here on purpose). */
let elsewhere: TestServer;
let requests: NetRequest[] = [];
const logPath = join(mkdtempSync(join(tmpdir(), 'hearth-netlog-')), 'net.json');

const article = `<!doctype html><title>Article</title><main><h1>On hearths</h1>${Array.from(
  { length: 8 },
  (_, i) => `<p id="p${i}">Paragraph ${i}: a hearth is the place in a home where the fire burns, and where people gather to cook and talk.</p>`,
).join('')}</main>`;

beforeAll(async () => {
  server = await startServer({
    '/tiny.gguf': fileRoute(makeTinyLlamaGguf({ contextLength: 2048 })),
    '/article.html': fileRoute(article, 'text/html'),
  });
  elsewhere = await startServer({ '/probe': fileRoute('probe') });
  hearth = await launchHearth({ args: [...netLogArgs(logPath), ...fakeCameraArgs(poseY4m(60))] });
});
let closed = false;
afterAll(async () => {
  if (!closed) await hearth?.close();
  await server?.close();
  await elsewhere?.close();
});

describe('network', () => {
  it('uses the network only to download models, through chat, summaries, the pose overlay, asking about a page and page visits', async () => {
    // Chat, and the model manager.
    const popup = await openPopup(hearth);
    await addModel(popup, `${server.origin}/tiny.gguf`);
    await newChat(popup);
    await send(popup, 'one two three');
    await expect.poll(() => lastAnswer(popup).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    await showView(popup, 'Models');
    // The model manager has done what it does on opening: each model's state and the storage figures are shown.
    await popup.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.models li[data-testid^="model-"]')];
      return rows.length > 0 && rows.every((li) => li.getAttribute('data-cached') !== '') && !!document.querySelector('[data-testid=storage]');
    }, undefined, { timeout: 30_000 });

    // A page summary and a selection summary, in the page.
    const web = await hearth.context.newPage();
    await web.goto(`${server.origin}/article.html`);
    await summarizeWithShortcut(hearth, web, 'page');
    expect(await waitForSummary(web)).toMatch(/ one two three/);
    await selectText(web, '#p3');
    await summarizeWithShortcut(hearth, web, 'selection');
    expect(await waitForSummary(web)).toMatch(/ one two three/);

    // The pose overlay: the camera, the TF.js backends and MoveNet's weights.
    const view = await openOverlay(hearth, web);
    await expect.poll(() => framesDrawn(view), { timeout: 90_000 }).toBeGreaterThan(5);
    await pressCommand(hearth, web, 'Alt+Shift+O');
    await expect.poll(() => web.locator('hearth-pose-overlay').count(), { timeout: 15_000 }).toBe(0);

    // Ask about this page: the chat reads the tab, answers from its passages, and a source click highlights one.
    const chat = await openChatWindow(hearth);
    await chat.getByRole('button', { name: 'Ask about this page' }).click();
    await chat.locator('[data-testid=ask-source]').first().waitFor();
    await chat.fill('#prompt', 'Where does the fire burn?');
    await chat.locator('#prompt').press('Enter');
    await expect.poll(() => lastAnswer(chat).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    await chat.locator('[data-testid=ask-source-item]').first().getByRole('button').click();
    await expect.poll(() => highlighted(web)).toMatch(/a hearth is the place/);

    // The control: a request from Hearth's content-script world is logged under the page's origin, so the
    // checks below see content scripts too. This one goes elsewhere on purpose and must be the only leak found.
    const probe = `${elsewhere.origin}/probe`;
    expect(await evaluateInHearthWorld<string>(hearth, web, `fetch(${JSON.stringify(probe)}).then((r) => r.text())`)).toBe('probe');

    await hearth.close(); // the NetLog is complete once the browser exits
    closed = true;
    requests = readNetLog(logPath);

    const ours = requests.filter((r) => r.initiator === `chrome-extension://${hearth.extensionId}`);
    expect(ours.map((r) => r.url)).toContain(`${server.origin}/tiny.gguf`);
    const allowed = (url: string) => url.startsWith(`${server.origin}/`) || MODEL_HOSTS.includes(new URL(url).hostname);
    expect(ours.filter((r) => /^https?:/.test(r.url) && !allowed(r.url))).toEqual([]);
    // Nothing on behalf of the web page (its own scripts and Hearth's content scripts) went anywhere but the
    // page's own server, except the control request.
    const fromPage = requests.filter((r) => r.initiator === server.origin);
    expect(fromPage.filter((r) => !r.url.startsWith(`${server.origin}/`)).map((r) => r.url)).toEqual([probe]);
    // Nothing started by any page or script (only Chromium's own update and account checks have no initiator)
    // reached another origin but the control.
    const leaks = requests.filter((r) => r.initiator !== null && /^https?:/.test(r.url) && !r.url.startsWith(`${server.origin}/`));
    expect(leaks.filter((r) => !MODEL_HOSTS.includes(new URL(r.url).hostname)).map((r) => r.url)).toEqual([probe]);
  });
});
