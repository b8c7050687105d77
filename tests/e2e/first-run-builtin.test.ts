import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { openPopup } from '../../testkit/browser/popup';

// The first-run offer in the real popup, with a FAKE `LanguageModel` put in the popup's page before its scripts run:
// Debian's Chromium 156 has the API but no model ('unavailable'), so Chrome's own cannot be timed here. The fake is
// written from the Prompt API's IDL (as testkit/fakes/fake-built-in-ai.ts): availability() says 'available', and
// promptStreaming() streams one word every `ms` milliseconds (real time, in the browser), erroring on abort.
// Everything else is real: the extension, the built-in engine that the offer times, storage, the offer.

const OFFLINE = ['--host-resolver-rules=MAP * 127.0.0.1:1, EXCLUDE 127.0.0.1'];
let hearth: Hearth;

beforeAll(async () => {
  hearth = await launchHearth({ args: OFFLINE });
});
afterAll(async () => {
  await hearth?.close();
});

/** A popup whose page has the fake, streaming a word every `ms`. */
async function popupWithFake(ms: number): Promise<Page> {
  await hearth.sw.evaluate(() => chrome.storage.local.remove('hearth:builtinSpeed'));
  await hearth.context.addInitScript(`globalThis.__fakeWordMs = ${ms};`);
  return openPopup(hearth);
}

beforeAll(async () => {
  await hearth.context.addInitScript(() => {
    if (!location.href.endsWith('/popup.html')) return;
    const words = 'A gravel path winds between beds of tulips and daffodils while bees drift over the early blossom'.split(' ');
    const session = {
      contextWindow: 4096,
      contextUsage: 0,
      addEventListener() {},
      removeEventListener() {},
      destroy() {},
      async measureContextUsage(input: unknown) {
        return JSON.stringify(input).split(/\s+/).length;
      },
      promptStreaming(_input: unknown, { signal }: { signal?: AbortSignal } = {}) {
        let i = 0;
        const ms = (globalThis as { __fakeWordMs?: number }).__fakeWordMs ?? 10;
        return new ReadableStream<string>({
          start(c) {
            signal?.addEventListener('abort', () => c.error(new DOMException('Aborted.', 'AbortError')), { once: true });
          },
          async pull(c) {
            await new Promise((r) => setTimeout(r, ms));
            if (signal?.aborted) return;
            if (i < words.length) c.enqueue((i ? ' ' : '') + words[i++]);
            else c.close();
          },
        });
      },
    };
    Object.defineProperty(globalThis, 'LanguageModel', {
      configurable: true,
      value: { availability: async () => 'available', create: async () => session, params: async () => null },
    });
  });
});

describe("the first-run offer times Chrome's built-in model (a fake LanguageModel in the real popup)", () => {
  it('fast (a word every 10 ms): proposed first, above the download, with its speed; the speed is kept', async () => {
    const popup = await popupWithFake(10);
    await popup.getByTestId('first-run-builtin').waitFor({ timeout: 30_000 });
    expect(await popup.getByTestId('first-run-builtin').textContent()).toMatch(/^Start now with Chrome's built-in model: no download, it runs on this device \(\d+(\.\d)? words\/s here\)\.$/);
    expect(await popup.locator('[data-testid=first-run] button.primary').textContent()).toBe("Use Chrome's built-in model");
    const kept = await hearth.sw.evaluate(async () => (await chrome.storage.local.get('hearth:builtinSpeed'))['hearth:builtinSpeed'] as { result: { verdict: string } } | undefined);
    expect(kept?.result.verdict).toBe('usable');
    await popup.close();
  });

  it('slow (a word every 400 ms): the download is the offer, and the line says how fast it was against what is needed', async () => {
    const popup = await popupWithFake(400);
    await expect.poll(() => popup.getByTestId('first-run-builtin-checking').count(), { timeout: 10_000 }).toBe(1);
    await popup.getByTestId('first-run-builtin-why').waitFor({ timeout: 60_000 });
    expect(await popup.getByTestId('first-run-builtin-why').textContent()).toMatch(/^Chrome's built-in model answered at [0-3]\.\d words\/s here, below the 10\.5 words\/s Hearth needs to keep up with reading, so Hearth offers its own model\. Use it anyway$/);
    expect(await popup.getByTestId('first-run-builtin').count()).toBe(0);
    expect(await popup.locator('[data-testid=first-run] button.primary').textContent()).toMatch(/^Download /);
    await popup.close();
  });
});
