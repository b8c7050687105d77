import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { findServiceWorker, launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { addModel, hostStatus, lastAnswer, openPopup as openPopupIn, saveSettings, send, storedLastAnswer } from '../../testkit/browser/popup';
import { makeTinyLlamaGguf, TINY_EXPECTED_AFTER_ONE_TWO_THREE } from '../../testkit/models/tiny-llama-gguf';

const FOREIGN = resolve(import.meta.dirname, '../fixtures/foreign-extension');

let hearth: Hearth;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    '/tiny.gguf': fileRoute(makeTinyLlamaGguf()),
    '/page.html': fileRoute('<!doctype html><title>A web page</title><p>Hello</p>', 'text/html'),
  });
  hearth = await launchHearth({ alsoLoad: [FOREIGN] });
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

const countOffscreen = () =>
  hearth.sw.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] })).length);

const openPopup = () => openPopupIn(hearth);

describe('foundation', () => {
  it('starts the service worker with the manifest we ship', async () => {
    const manifest = await hearth.sw.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    expect((manifest.content_security_policy as { extension_pages: string }).extension_pages).toBe(
      "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    );
    expect(manifest.permissions?.sort()).toEqual(['activeTab', 'contextMenus', 'offscreen', 'scripting', 'sidePanel', 'storage', 'unlimitedStorage']);
    expect(manifest.host_permissions ?? []).toEqual([]);
  });

  it('creates exactly one offscreen document for concurrent callers, and recreates it once closed', async () => {
    const page = await openPopup();
    await expect.poll(countOffscreen, { timeout: 15_000 }).toBe(1); // the popup itself asked for the host
    await hearth.sw.evaluate(() => chrome.offscreen.closeDocument());
    expect(await countOffscreen()).toBe(0);

    const ensureFive = () =>
      page.evaluate(() =>
        Promise.all(
          Array.from({ length: 5 }, () =>
            chrome.runtime.sendMessage({ hearth: 1, to: 'background', name: 'host.ensure', payload: undefined }),
          ),
        ),
      );
    // All five join the one creation under way, so all see it as theirs.
    const answers = (await ensureFive()) as Array<{ ok: boolean; value: { created: boolean } }>;
    expect(answers).toEqual(Array.from({ length: 5 }, () => ({ ok: true, value: { created: true } })));
    expect(await countOffscreen()).toBe(1);

    const again = (await ensureFive()) as Array<{ ok: boolean; value: { created: boolean } }>;
    expect(again.filter((a) => a.value.created)).toHaveLength(0);
    expect(await countOffscreen()).toBe(1);
    await page.close();
  });

  it('streams the real Wasm engine answer from the offscreen document into the popup', async () => {
    const page = await openPopup();
    await expect.poll(() => page.getByTestId('backend').getAttribute('data-engine')).toBe('cpu');
    await addModel(page, `${server.origin}/tiny.gguf`);
    await saveSettings(page, { temperature: 0, systemPrompt: '' });
    await send(page, 'one two three');
    // Record every text the answer shows, to see it grow token by token.
    await lastAnswer(page).waitFor();
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      const el = [...document.querySelectorAll('[data-testid=msg-assistant]')].at(-1)!;
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await storedLastAnswer(page)).toEqual({ content: TINY_EXPECTED_AFTER_ONE_TWO_THREE, status: 'done' });
    expect((await lastAnswer(page).locator('.markdown').textContent())?.trim()).toBe(TINY_EXPECTED_AFTER_ONE_TWO_THREE.trim());
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    const distinct = [...new Set(seen.map((t) => t.replace(/Thinking…|Copy.*$/g, '').trim()))].filter(Boolean);
    expect(distinct.length).toBeGreaterThanOrEqual(5); // streamed, not delivered in one piece
    expect(server.hits.filter((p) => p === '/tiny.gguf').length).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('another extension cannot reach Hearth: no context of Hearth listens for external messages or ports', async () => {
    // Chrome hands another extension's messages only to onMessageExternal / onConnectExternal (never to
    // onMessage, where the sender checks run). Hearth registers neither, in no context, so Chrome itself answers
    // "Receiving end does not exist": the foreign sender never reaches any of Hearth's code.
    const popup = await openPopup();
    const refusedBefore = (await hostStatus(popup)).refused;
    const foreign = await findServiceWorker(hearth.context, 'Foreign');
    const attempt = await foreign.evaluate(async (id) => {
      const envelope = { hearth: 1, to: 'host', name: 'llm.status', payload: undefined };
      const message = await chrome.runtime.sendMessage(id, envelope).then(
        (r) => ({ answered: true, r, error: '' }),
        (e: Error) => ({ answered: false, error: e.message }),
      );
      const port = await new Promise<{ got: unknown[]; error?: string }>((done) => {
        const got: unknown[] = [];
        const p = chrome.runtime.connect(id, { name: 'hearth:generate' });
        p.onMessage.addListener((m) => got.push(m));
        p.onDisconnect.addListener(() => done({ got, error: chrome.runtime.lastError?.message }));
        p.postMessage({ type: 'start', request: { input: { kind: 'completion', prompt: 'one two three' } } });
        setTimeout(() => done({ got, error: 'still open after 3 s' }), 3000);
      });
      return { message, port };
    }, hearth.extensionId);
    expect(attempt.message).toMatchObject({ answered: false, error: expect.stringMatching(/Receiving end does not exist/) });
    expect(attempt.port).toEqual({ got: [], error: expect.stringMatching(/Receiving end does not exist/) });
    expect((await hostStatus(popup)).refused).toBe(refusedBefore); // nothing of Hearth's even saw it
    await popup.close();
  });

  it('gives a web page no way to reach the extension', async () => {
    const page = await hearth.context.newPage();
    await page.goto(`${server.origin}/page.html`);
    const reach = await page.evaluate(async (id) => {
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      if (!runtime?.sendMessage) return 'no runtime';
      try {
        await (runtime.sendMessage as (id: string, m: unknown) => Promise<unknown>)(id, { hearth: 1, to: 'host', name: 'llm.status' });
        return 'answered';
      } catch (e) {
        return `refused: ${(e as Error).message}`;
      }
    }, hearth.extensionId);
    expect(reach).not.toBe('answered');
    await page.close();
  });
});
