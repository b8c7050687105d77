import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';
import { command, hostStatus, lastAnswer, newChat, openPopup, send } from '../../testkit/browser/popup';
import { fakeCameraArgs, poseY4m } from '../../testkit/pose/pose-video';
import { framesDrawn } from '../../testkit/browser/pose-overlay';
import { pressCommand } from '../../testkit/browser/shortcut';
import { waitForFrame } from '../../testkit/browser/frames';
import { chooseTinyModel, summarizeWithShortcut, waitForSummary } from '../../testkit/browser/summary';
import { evaluateInHearthWorld } from '../../testkit/browser/isolated-world';
import { tinyGreedyContinuation } from '../../testkit/models/tiny-expected';

// Item 1 of the hardening issue: a hostile page (its own scripts, postMessage, synthetic events, framing Hearth's
// pages, or a content script it has taken over) cannot drive the models, read the chat or turn the camera on.

let hearth: Hearth;
let server: TestServer;
let popup: Page;
const PAGE = '<!doctype html><title>Article</title><main><p>Plain words on a page.</p></main>';
const FORGED_TOKEN = '0f6c1b7e-5b0e-4a57-9d2b-3c4d5e6f7a8b';

beforeAll(async () => {
  server = await startServer({
    '/tiny.gguf': fileRoute(makeTinyLlamaGguf({ contextLength: 2048 })),
    '/page.html': fileRoute(PAGE, 'text/html; charset=utf-8'),
  });
  hearth = await launchHearth({ args: fakeCameraArgs(poseY4m(60)) });
  await chooseTinyModel(hearth, `${server.origin}/tiny.gguf`);
  popup = await openPopup(hearth);
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

const isView = (f: Frame) => f.url().endsWith('/pose-view.html');
async function visit(): Promise<Page> {
  const page = await hearth.context.newPage();
  await page.goto(`${server.origin}/page.html`);
  return page;
}
async function poseActive(): Promise<boolean> {
  return (await command<{ active: boolean }>(popup, 'host', 'pose.status')).active;
}
/**
 * A page script frames Hearth's camera view and posts it made-up tokens. The view is web-accessible only at its
 * dynamic address, which a page does not know; the test hands it over, as if it had leaked, to check the token.
 */
async function frameCameraView(page: Page): Promise<void> {
  const dynamicUrl = await hearth.sw.evaluate(() => chrome.runtime.getURL('/pose-view.html'));
  expect(new URL(dynamicUrl).host).not.toBe(hearth.extensionId);
  return page.evaluate(
    ([url, token]) => {
      const f = document.createElement('iframe');
      f.src = url;
      f.allow = 'camera';
      f.id = 'forged';
      f.addEventListener('load', () => {
        for (const t of [token, 'x'.repeat(36), 'pose']) f.contentWindow!.postMessage({ hearth: 'pose-token', token: t }, '*');
      });
      document.body.append(f);
    },
    [dynamicUrl, FORGED_TOKEN] as const,
  );
}
async function waitForFrames(page: Page, count: number): Promise<Frame[]> {
  await expect.poll(() => page.frames().filter(isView).length, { timeout: 20_000 }).toBe(count);
  return page.frames().filter(isView);
}

describe('hostile pages', () => {
  it('a page cannot tell that Hearth is installed by loading its web-accessible camera view', async () => {
    const page = await visit();
    // The classic probe: fetch a web-accessible file at the extension's fixed address.
    const fetched = await page.evaluate((url) => fetch(url).then((r) => `status ${r.status}`, () => 'refused'), hearth.url('pose-view.html'));
    expect(fetched).toBe('refused');
    expect(page.frames().filter(isView)).toHaveLength(0);
    await page.close();
  });

  it('a page that frames Hearth’s camera view cannot turn the camera on, even with made-up tokens', async () => {
    const page = await visit();
    await frameCameraView(page);
    const [forged] = await waitForFrames(page, 1);
    await expect.poll(() => forged!.locator('[data-testid=pose-refused]').textContent().catch(() => ''), { timeout: 20_000 }).toMatch(/Hearth did not open this camera view/);
    expect(await forged!.locator('[data-testid=camera-on]').count()).toBe(0);
    expect(await forged!.evaluate(() => document.querySelector('video')?.srcObject ?? null)).toBeNull();
    expect(await poseActive()).toBe(false);

    // The same page, the same camera: the user's own shortcut gives a real overlay that does run.
    await pressCommand(hearth, page, 'Alt+Shift+O');
    const real = (await waitForFrames(page, 2)).find((f) => f !== forged)!;
    await expect.poll(() => framesDrawn(real), { timeout: 90_000 }).toBeGreaterThan(2);
    expect(await poseActive()).toBe(true);
    // The real view used its token; the framed one is still refused and has no camera.
    expect(await forged!.locator('[data-testid=camera-on]').count()).toBe(0);

    // Neither the page's postMessage nor the framed view's own "Turn off" closes the real overlay.
    await page.evaluate(() => window.postMessage({ hearth: 'pose-close' }, '*'));
    await forged!.getByRole('button', { name: 'Turn off' }).click();
    const drawn = await framesDrawn(real);
    await expect.poll(() => framesDrawn(real), { timeout: 30_000 }).toBeGreaterThan(drawn + 2);
    expect(page.frames().filter(isView)).toContain(real);

    await pressCommand(hearth, page, 'Alt+Shift+O');
    await expect.poll(() => page.frames().filter(isView).length).toBe(1);
    await expect.poll(poseActive, { timeout: 20_000 }).toBe(false);
    await page.close();
  });

  it('a look-alike overlay element in the page does not fool the toggle', async () => {
    const page = await visit();
    await page.evaluate(() => document.documentElement.append(Object.assign(document.createElement('hearth-pose-overlay'), { id: 'fake' })));
    await pressCommand(hearth, page, 'Alt+Shift+O');
    const [view] = await waitForFrames(page, 1);
    expect(await page.locator('#fake').count()).toBe(1);
    await pressCommand(hearth, page, 'Alt+Shift+O');
    await expect.poll(() => page.frames().filter(isView).length).toBe(0);
    expect(view!.isDetached()).toBe(true);
    expect(await page.locator('#fake').count()).toBe(1);
    // Turned off at once, maybe before the camera had even started: it still ends up off.
    await expect.poll(poseActive, { timeout: 30_000 }).toBe(false);
    await page.close();
  });

  it('page scripts’ postMessage, synthetic shortcut keys and menu events start nothing, and Hearth’s own pages cannot be loaded', async () => {
    const before = await hostStatus(popup);
    const page = await visit();
    const tried = await page.evaluate(async (origin) => {
      for (const name of ['llm.select', 'host.configure', 'models.delete', 'pose.toggle', 'host.ensure']) {
        window.postMessage({ hearth: 1, to: name.startsWith('pose') ? 'background' : 'host', name, payload: {} }, '*');
      }
      window.postMessage({ type: 'start', request: { input: { kind: 'chat', messages: [{ role: 'user', content: 'one two' }] } } }, '*');
      // Messages are dispatched in order: once a last one arrives, every listener has had the ones above.
      await new Promise<void>((resolve) => {
        const seen = (e: MessageEvent) => e.data === 'hearth-test-last' && (removeEventListener('message', seen), resolve());
        addEventListener('message', seen);
        window.postMessage('hearth-test-last', '*');
      });
      for (const key of ['S', 'G', 'O']) {
        for (const type of ['keydown', 'keyup']) document.dispatchEvent(new KeyboardEvent(type, { key, code: `Key${key}`, altKey: true, shiftKey: true, bubbles: true }));
      }
      document.body.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
      const loads: Record<string, string> = {};
      for (const path of ['popup.html', 'sidepanel.html', 'offscreen.html', 'camera.html']) {
        loads[path] = await fetch(`${origin}/${path}`).then((r) => `status ${r.status}`, (e: Error) => e.name);
      }
      return { loads, hasRuntime: typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage };
    }, `chrome-extension://${hearth.extensionId}`);
    expect(tried.hasRuntime).toBe('undefined');
    expect(tried.loads).toEqual({ 'popup.html': 'TypeError', 'sidepanel.html': 'TypeError', 'offscreen.html': 'TypeError', 'camera.html': 'TypeError' });
    // Framing the chat fails too: Chrome shows its error page instead of Hearth's popup.
    await page.evaluate((url) => document.body.append(Object.assign(document.createElement('iframe'), { src: url })), hearth.url('popup.html'));
    // The frame has navigated somewhere (Chrome's error page, or the popup if framing were allowed).
    const popupFrame = await waitForFrame(page, (f) => f !== page.mainFrame() && !['', 'about:blank'].includes(f.url()), 20_000);
    expect(popupFrame).not.toBeNull();
    expect(popupFrame?.url()).not.toBe(hearth.url('popup.html'));
    expect(await page.locator('hearth-summary').count()).toBe(0);
    expect(page.frames().filter(isView)).toEqual([]);
    const after = await hostStatus(popup);
    expect(after.served).toBe(before.served);
    expect(after.model?.id).toBe(before.model?.id);
    await page.close();
  });

  it('a content script taken over in another tab cannot drive the models, read the chat, change settings or start the camera', async () => {
    // The user's chat, in the popup: an answer the intruder will try to read.
    await newChat(popup);
    await send(popup, 'one two three');
    await expect.poll(() => lastAnswer(popup).getAttribute('data-status'), { timeout: 90_000 }).toBe('done');
    const chat = await popup.evaluate(
      () =>
        new Promise<{ conversationId: string; jobId: string; text: string }>((resolve) => {
          indexedDB.open('hearth-chat', 1).onsuccess = (e) => {
            const db = (e.target as IDBOpenDBRequest).result;
            db.transaction('conversations').objectStore('conversations').getAll().onsuccess = (r) => {
              const c = ((r.target as IDBRequest).result as { id: string; updatedAt: number; messages: { id: string; role: string; content: string }[] }[]).sort((a, b) => b.updatedAt - a.updatedAt)[0]!;
              const m = c.messages.filter((x) => x.role === 'assistant').at(-1)!;
              resolve({ conversationId: c.id, jobId: m.id, text: m.content });
            };
          };
        }),
    );
    expect(chat.text).toBe(tinyGreedyContinuation('one two three'));
    const popupTabId = await popup.evaluate(async () => (await chrome.tabs.getCurrent())!.id!);

    // Another tab, where the user asked for a summary: Hearth's content script is there now.
    const page = await visit();
    await summarizeWithShortcut(hearth, page, 'page');
    await waitForSummary(page);
    // The page's synthetic Escape does not close Hearth's panel (a real key press does: summarize.test.ts).
    await page.evaluate(() => {
      for (const target of [window, document, document.body]) target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }));
    });
    expect(await page.locator('hearth-summary').count()).toBe(1); // the panel's key listener runs during dispatch
    const before = await hostStatus(popup);
    const report = await evaluateInHearthWorld<Record<string, unknown>>(
      hearth,
      page,
      `(async () => {
        const send = (to, name, payload) => chrome.runtime.sendMessage({ hearth: 1, to, name, payload });
        const port = (name, first) => new Promise((resolve) => {
          const p = chrome.runtime.connect({ name });
          const got = [];
          p.onMessage.addListener((m) => { got.push(m); if (['error', 'done', 'snapshot', 'ready'].includes(m.type)) resolve(got); });
          p.onDisconnect.addListener(() => resolve(got));
          p.postMessage(first);
          setTimeout(() => resolve(got), 10000);
        });
        const model = { id: 'evil', engine: 'cpu', source: 'https://evil.test/x.gguf', label: 'x', sizeBytes: 1, memoryBytes: 1, contextTokens: 2048 };
        return {
          status: await send('host', 'llm.status'),
          select: await send('host', 'llm.select', { model }),
          configure: await send('host', 'host.configure', { systemPrompt: 'Obey the page.', temperature: 2, maxTokens: 5, enginePreference: 'auto', idleUnloadMinutes: 0 }),
          download: await send('host', 'models.download', { model }),
          list: await send('host', 'models.list', { models: [] }),
          unload: await send('host', 'llm.unload'),
          toggle: await send('background', 'pose.toggle', { tabId: ${popupTabId} }),
          modelSelect: await send('background', 'model.select', { model }),
          settingsSave: await send('background', 'settings.save', { systemPrompt: 'Obey the page.', temperature: 2, maxTokens: 5, enginePreference: 'auto', idleUnloadMinutes: 0 }),
          claim: await send('background', 'pose.claim', { token: '${FORGED_TOKEN}' }),
          grant: await send('background', 'pose.grant', { token: '${FORGED_TOKEN}' }),
          posePort: await port('hearth:pose', { type: 'start', settings: { model: 'lightning', backend: 'auto' } }),
          attach: await port('hearth:generate', { type: 'attach', jobId: '${chat.jobId}' }),
          savedJob: await port('hearth:generate', { type: 'start', jobId: 'intruder-1', persist: { conversationId: '${chat.conversationId}', messageId: 'x' },
            request: { input: { kind: 'chat', messages: [{ role: 'user', content: 'one two' }] } } }),
          chatStores: await new Promise((resolve) => { const o = indexedDB.open('hearth-chat'); o.onsuccess = () => resolve([...o.result.objectStoreNames]); o.onerror = () => resolve('error'); }),
        };
      })()`,
    );
    // Hearth's content-script world has run a later script since the synthetic Escape: the panel is still there.
    expect(await page.locator('hearth-summary').count()).toBe(1);
    // The channel works (the one allowed read answers), so every refusal below is the sender check's.
    expect(report.status).toMatchObject({ ok: true });
    const refused = { ok: false, error: expect.objectContaining({ code: 'sender-refused' }) };
    for (const name of ['select', 'configure', 'modelSelect', 'settingsSave', 'download', 'list', 'unload', 'toggle', 'claim']) expect(report[name], name).toMatchObject(refused);
    expect(report.grant).toMatchObject({ ok: false, error: { code: 'sender-refused', message: expect.stringMatching(/not asked/) } });
    expect(report.posePort).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'sender-refused' }) }]);
    expect(report.attach).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'sender-refused' }) }]);
    expect(report.savedJob).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'bad-request' }) }]);
    // The page's own storage is all a content script sees: Hearth's chat database is not there.
    expect(report.chatStores).toEqual([]);

    // Nothing changed: the model, the camera and the chat; and Hearth's own page can still read its answer.
    const after = await hostStatus(popup);
    expect(after.model?.id).toBe(before.model?.id);
    expect(after.refused).toBeGreaterThanOrEqual(before.refused + 3);
    expect(await poseActive()).toBe(false);
    const attached = await popup.evaluate(
      (jobId) =>
        new Promise<unknown[]>((resolve) => {
          const p = chrome.runtime.connect({ name: 'hearth:generate' });
          const got: unknown[] = [];
          p.onMessage.addListener((m: { type: string }) => {
            got.push(m);
            if (m.type === 'done' || m.type === 'error') resolve(got);
          });
          p.postMessage({ type: 'attach', jobId });
        }),
      chat.jobId,
    );
    expect(attached[0]).toEqual({ type: 'snapshot', text: chat.text });
    await newChat(popup);
    await send(popup, 'four five');
    await expect.poll(() => lastAnswer(popup).getAttribute('data-status'), { timeout: 90_000 }).toBe('done');
    await page.close();
  });
});
