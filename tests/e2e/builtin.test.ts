import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf, TINY_EXPECTED_AFTER_ONE_TWO_THREE } from '../../testkit/models/tiny-llama-gguf';
import { command, generateOnPorts, hostStatus, openPopup, showView } from '../../testkit/browser/popup';
import { chooseTinyModel } from '../../testkit/browser/summary';
import { BUILTIN_MODEL } from '../../lib/llm/builtin-ai';
import type { GenerateRequest } from '../../lib/messaging/protocol';

// Chrome's built-in model where the browser has none: Debian's Chromium has no LanguageModel (nor Summarizer,
// Translator, LanguageDetector). Nothing of Hearth's may change or break, and Models says why it is not offered.
// What it does where Chrome has it is checked by hand (docs/MANUAL-CHECKS-BUILTIN-AI.md) and against a fake
// (lib/llm/host/builtin-engine.test.ts).

let hearth: Hearth;
let server: TestServer;
let popup: Page;

beforeAll(async () => {
  server = await startServer({ '/tiny.gguf': fileRoute(makeTinyLlamaGguf({ contextLength: 512 })) });
  hearth = await launchHearth();
  popup = await openPopup(hearth);
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

const hello: GenerateRequest = { input: { kind: 'completion', prompt: 'one two three' }, options: { temperature: 0, maxTokens: 16 } };

describe("Chrome's built-in model where the browser has none", () => {
  it('this browser has none of the APIs, in the popup and in the model host', async () => {
    expect(await popup.evaluate(() => ['LanguageModel', 'Summarizer', 'Translator', 'LanguageDetector'].filter((k) => k in globalThis))).toEqual([]);
  });

  it('Models shows no built-in choice, only the reason; Hearth’s own models are listed as before', async () => {
    await showView(popup, 'Models');
    const card = popup.locator('[data-testid=builtin-model]');
    await expect.poll(() => card.getAttribute('data-state')).toBe('absent');
    expect(await popup.locator('[data-testid=builtin-reason]').textContent()).toMatch(/This browser has no built-in model.*Hearth's own models work here/);
    expect(await card.getByRole('button').count()).toBe(0); // no Use, no Download
    expect(await popup.locator('[data-testid^="model-"]:not([data-testid=builtin-model]) strong').count()).toBeGreaterThan(3);
    await showView(popup, 'Chat');
    const options = await popup.locator('[data-testid=model-picker] option').allTextContents();
    expect(options.length).toBeGreaterThan(0);
    expect(options.join('|')).not.toMatch(/built-in/);
    expect(await popup.locator('[data-testid=first-run-builtin]').count()).toBe(0);
  });

  it('chosen anyway (a profile from a Chrome that had it), an answer fails with the reason; a Hearth model then answers', async () => {
    const status = await command<{ model: { engine: string } }>(popup, 'background', 'model.select', { model: BUILTIN_MODEL });
    expect(status.model.engine).toBe('builtin');
    const [refused] = await generateOnPorts(popup, [hello]);
    expect(refused!.error?.message).toMatch(/This browser has no built-in model/);
    expect((await hostStatus(popup)).state).toBe('error');

    await chooseTinyModel(hearth, `${server.origin}/tiny.gguf`);
    const [answer] = await generateOnPorts(popup, [hello]);
    expect(answer!.error).toBeUndefined();
    expect(answer!.text).toMatch(/^ four five six/); // the tiny model's own continuation
    expect(TINY_EXPECTED_AFTER_ONE_TWO_THREE.startsWith(answer!.text!)).toBe(true);
  });
});
