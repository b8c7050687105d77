import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { findServiceWorker, launchHearth, type Hearth } from '../helpers/launch';
import { fileRoute, startServer, type TestServer } from '../helpers/server';
import { openPopup as openPopupIn } from '../helpers/popup';
import { makeTinyLlamaGguf, TINY_EXPECTED_AFTER_ONE_TWO_THREE } from '../helpers/make-tiny-llama-gguf.mjs';

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
    await expect.poll(() => page.getByTestId('backend').getAttribute('data-engine')).toBe('wasm');
    await page.fill('#model-url', `${server.origin}/tiny.gguf`);
    await page.click('text=Add');
    await expect.poll(() => page.locator('#model').inputValue()).toBe(`url:${server.origin}/tiny.gguf`);
    await page.fill('#temperature', '0');
    // Record every text the answer shows, to see it grow token by token.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      const el = document.querySelector('[data-testid=answer]')!;
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await page.fill('#prompt', 'one two three');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('answer').textContent(), { timeout: 60_000 })
      .toBe(TINY_EXPECTED_AFTER_ONE_TWO_THREE);
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    const distinct = [...new Set(seen)].filter(Boolean);
    expect(distinct.length).toBeGreaterThanOrEqual(10); // streamed, not delivered in one piece
    for (let i = 1; i < distinct.length; i++) expect(distinct[i]!.startsWith(distinct[i - 1]!)).toBe(true);
    expect(server.hits.filter((p) => p === '/tiny.gguf').length).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('refuses messages and ports from another extension', async () => {
    const foreign = await findServiceWorker(hearth.context, 'Foreign');
    const attempt = await foreign.evaluate(async (id) => {
      const envelope = { hearth: 1, to: 'host', name: 'llm.status', payload: undefined };
      const message = await chrome.runtime.sendMessage(id, envelope).then(
        (r) => ({ answered: true, r }),
        (e: Error) => ({ answered: false, error: e.message }),
      );
      const port = await new Promise<{ got: unknown[]; error?: string }>((done) => {
        const got: unknown[] = [];
        const p = chrome.runtime.connect(id, { name: 'hearth:generate' });
        p.onMessage.addListener((m) => got.push(m));
        p.onDisconnect.addListener(() => done({ got, error: chrome.runtime.lastError?.message }));
        p.postMessage({ type: 'start', request: { input: { kind: 'completion', prompt: 'one two three' } } });
        setTimeout(() => done({ got }), 3000);
      });
      return { message, port };
    }, hearth.extensionId);
    expect(attempt.message.answered).toBe(false);
    expect(attempt.port.got).toEqual([]);
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
