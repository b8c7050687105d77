import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type Route, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf, TINY_EXPECTED_AFTER_ONE_TWO_THREE } from '../../testkit/models/tiny-llama-gguf';
import { formatBytes } from '../../lib/ui-kit/format';
import { addModel, lastAnswer, modelFiles, openPopup, saveSettings, send, showView, storedLastAnswer } from '../../testkit/browser/popup';

const BIG = makeTinyLlamaGguf({ nEmbd: 256, nLayer: 8, nFf: 1024 }); // ~30 MB
const TINY = makeTinyLlamaGguf();

/** Sends `body` in 256 KB pieces, one every 40 ms. */
const slowRoute = (body: Buffer): Route => async (req, res) => {
  res.setHeader('Content-Length', body.length);
  res.setHeader('Content-Type', 'application/octet-stream');
  for (let i = 0; i < body.length && !req.destroyed; i += 256 * 1024) {
    res.write(body.subarray(i, i + 256 * 1024));
    await new Promise((r) => setTimeout(r, 40));
  }
  res.end();
};

/** The first download (since `reset`) is cut off halfway (the length promised, half sent); later ones complete. */
function flakyRoute(body: Buffer): Route & { reset(): void } {
  let calls = 0;
  const route: Route = async (_req, res) => {
    // Adding the model reads the file's start with a Range request: not a download, served whole.
    if (_req.headers.range || calls++ > 0) return fileRoute(body)(_req, res);
    res.setHeader('Content-Length', body.length);
    res.write(body.subarray(0, body.length >> 1));
    await new Promise((r) => setTimeout(r, 100));
    res.socket?.destroy();
  };
  return Object.assign(route, { reset: () => void (calls = 0) });
}
const flaky = flakyRoute(TINY);

let hearth: Hearth;
let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    '/slow.gguf': slowRoute(BIG),
    '/flaky.gguf': flaky,
    '/tiny.gguf': fileRoute(TINY),
    '/page.gguf': fileRoute('<!doctype html><title>Not a model</title>', 'text/html'),
  });
});
// A browser of its own for each test: "nothing left behind" is checked on the whole model folder, and the host
// remembers each model's last download; the flaky file cuts off its first download again.
beforeEach(async () => {
  flaky.reset();
  hearth = await launchHearth();
});
afterEach(async () => {
  await hearth?.close();
});
afterAll(async () => {
  await server?.close();
});


const row = (page: Page, url: string) => page.locator(`[data-testid="model-url:${url}"]`);

describe('model manager', () => {
  it('shows download progress with speed, and a cancelled download leaves nothing behind', async () => {
    const page = await openPopup(hearth);
    const url = `${server.origin}/slow.gguf`;
    await addModel(page, url);
    await row(page, url).getByRole('button', { name: 'Download' }).click();
    const progress = row(page, url).getByTestId(`download-progress-url:${url}`);
    const seen = new Set<string>();
    await expect.poll(async () => (seen.add((await progress.textContent().catch(() => '')) ?? ''), seen.size), { timeout: 20_000 }).toBeGreaterThan(3);
    expect([...seen].some((t) => /MB of \d+(\.\d)? MB · \d+% · .+\/s/.test(t))).toBe(true);
    await row(page, url).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => row(page, url).textContent()).toContain('Download cancelled.');
    expect(await row(page, url).getAttribute('data-cached')).toBe('false');
    expect(await modelFiles(page)).toEqual([]);
    await page.close();
  });

  it('a cut-off download fails clearly, poisons nothing, and a retry completes; the cached copy is then used', async () => {
    const page = await openPopup(hearth);
    const url = `${server.origin}/flaky.gguf`;
    await addModel(page, url);
    // Read from the file's start when it was added, before any download: its size and trained context.
    expect(await row(page, url).textContent()).toContain(`${formatBytes(TINY.length)} · reads ~380 words at a time`);
    await row(page, url).getByRole('button', { name: 'Download' }).click();
    await expect.poll(() => row(page, url).locator('.error').textContent().catch(() => ''), { timeout: 20_000 }).toMatch(/cut off|failed/);
    expect(await row(page, url).getAttribute('data-cached')).toBe('false');
    expect(await modelFiles(page)).toEqual([]);

    await row(page, url).getByRole('button', { name: 'Retry download' }).click();
    await expect.poll(() => row(page, url).getAttribute('data-cached'), { timeout: 20_000 }).toBe('true');
    expect((await modelFiles(page)).length).toBe(2); // the model and its metadata
    const fetched = server.hits.filter((p) => p === '/flaky.gguf').length;

    await saveSettings(page, { temperature: 0, systemPrompt: '' });
    await send(page, 'one two three');
    await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect((await storedLastAnswer(page))?.content).toBe(TINY_EXPECTED_AFTER_ONE_TWO_THREE);
    expect(server.hits.filter((p) => p === '/flaky.gguf').length).toBe(fetched); // served from the cache
    await page.close();
  });

  it('deletes a downloaded model', async () => {
    const page = await openPopup(hearth);
    const url = `${server.origin}/tiny.gguf`;
    await addModel(page, url);
    await row(page, url).getByRole('button', { name: 'Download' }).click();
    await expect.poll(() => row(page, url).getAttribute('data-cached'), { timeout: 20_000 }).toBe('true');
    // Deleting asks first: Keep leaves the file, Delete removes it.
    await row(page, url).getByRole('button', { name: 'Delete…' }).click();
    await row(page, url).getByRole('button', { name: 'Keep' }).click();
    expect(await row(page, url).getAttribute('data-cached')).toBe('true');
    await row(page, url).getByRole('button', { name: 'Delete…' }).click();
    expect(await row(page, url).getByRole('group').textContent()).toMatch(/Delete .+ from this device\?/);
    await row(page, url).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => row(page, url).getAttribute('data-cached')).toBe('false');
    expect(await modelFiles(page)).toEqual([]);
    await expect.poll(() => page.getByTestId('storage').textContent()).toMatch(/Storage used: .+ of .+ available/);
    await page.close();
  });

  it('refuses, when it is added, a file that is not a GGUF model and an address the server does not have', async () => {
    const page = await openPopup(hearth);
    await showView(page, 'Models');
    for (const [path, message] of [['/page.gguf', /not a GGUF model file/], ['/missing.gguf', /answered 404/]] as const) {
      await page.fill('#model-url', `${server.origin}${path}`);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect.poll(() => page.getByRole('alert').textContent().catch(() => ''), { timeout: 20_000 }).toMatch(message);
      expect(await row(page, `${server.origin}${path}`).count()).toBe(0);
      expect(await page.inputValue('#model-url')).toBe(`${server.origin}${path}`); // kept, to be corrected
    }
    expect(await modelFiles(page)).toEqual([]);
    await page.close();
  });
});
