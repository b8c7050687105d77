import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchHearth, type Hearth } from '../helpers/launch';
import { fileRoute, startServer, type TestServer } from '../helpers/server';
import { makeTinyLlamaGguf } from '../helpers/make-tiny-llama-gguf.mjs';
import { addModel, lastAnswer, newChat, openPopup, send, showView } from '../helpers/popup';
import { netLogArgs, readNetLog, type NetRequest } from '../helpers/netlog';

/** Where Hearth may download models from. The local test server stands in for them here. */
const MODEL_HOSTS = ['huggingface.co', 'raw.githubusercontent.com'];

let hearth: Hearth;
let server: TestServer;
let requests: NetRequest[] = [];
const logPath = join(mkdtempSync(join(tmpdir(), 'hearth-netlog-')), 'net.json');

beforeAll(async () => {
  server = await startServer({
    '/tiny.gguf': fileRoute(makeTinyLlamaGguf()),
    '/article.html': fileRoute('<!doctype html><title>Article</title><p>Some text to read.</p>', 'text/html'),
  });
  hearth = await launchHearth({ args: netLogArgs(logPath) });
});
let closed = false;
afterAll(async () => {
  if (!closed) await hearth?.close();
  await server?.close();
});

describe('network', () => {
  it('uses the network only to download models, during chat, model management and page visits', async () => {
    const page = await openPopup(hearth);
    await addModel(page, `${server.origin}/tiny.gguf`);
    await newChat(page);
    await send(page, 'one two three');
    await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    await showView(page, 'Models');
    await page.waitForTimeout(500);
    const web = await hearth.context.newPage();
    await web.goto(`${server.origin}/article.html`);
    await web.waitForTimeout(500);
    await hearth.close(); // the NetLog is complete once the browser exits
    closed = true;
    requests = readNetLog(logPath);

    const ours = requests.filter((r) => r.initiator === `chrome-extension://${hearth.extensionId}`);
    expect(ours.map((r) => r.url)).toContain(`${server.origin}/tiny.gguf`);
    const allowed = (url: string) => url.startsWith(`${server.origin}/`) || MODEL_HOSTS.includes(new URL(url).hostname);
    expect(ours.filter((r) => /^https?:/.test(r.url) && !allowed(r.url))).toEqual([]);
    // Nothing on behalf of the web page went anywhere but the page's own server.
    const fromPage = requests.filter((r) => r.initiator === server.origin);
    expect(fromPage.filter((r) => !r.url.startsWith(`${server.origin}/`))).toEqual([]);
  });
});
