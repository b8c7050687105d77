import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf, TINY_EXPECTED_AFTER_ONE_TWO_THREE } from '../../testkit/models/tiny-llama-gguf';
import { addModel, lastAnswer, newChat, openPopup, saveSettings, send, storedLastAnswer } from '../../testkit/browser/popup';

// Hearth's own CPU engine (lib/llm/cpu) answers GGUF models in the extension: its worker, the WebAssembly kernels
// with helper threads (the offscreen document is cross-origin isolated), the tokenizer and the chat template.
let hearth: Hearth;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ '/tiny.gguf': fileRoute(makeTinyLlamaGguf()) });
  hearth = await launchHearth();
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

describe('the CPU engine in the extension', () => {
  it('runs the tiny model on the WebAssembly kernels and writes the exact answer', async () => {
    const page = await openPopup(hearth);
    await addModel(page, `${server.origin}/tiny.gguf`);
    await saveSettings(page, { temperature: 0, systemPrompt: '' });
    await newChat(page);
    await send(page, 'one two three');
    await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await storedLastAnswer(page)).toEqual({ content: TINY_EXPECTED_AFTER_ONE_TWO_THREE, status: 'done' });
    const runtime = JSON.parse((await page.evaluate(() => localStorage.getItem('hearth.llmRuntime'))) ?? 'null');
    // Chromium runs relaxed SIMD: the faster build must be the one chosen.
    expect(runtime).toMatchObject({ engine: 'cpu', kernels: 'wasm-relaxed', arch: 'llama' });
    expect(runtime.threads).toBeGreaterThanOrEqual(1);
    // The engine line says which engine runs the model (its status is refreshed once the answer ends).
    const line = page.getByTestId('backend');
    await expect.poll(() => line.getAttribute('data-runtime'), { timeout: 10_000 }).toBe('hearth');
    await line.locator('summary').click();
    expect(await page.getByTestId('runtime').textContent()).toBe("Engine: Hearth's own (WebAssembly, on this device).");
    await page.close();
  });
});
